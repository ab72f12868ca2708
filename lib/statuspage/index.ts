// Beacon's status in the shape of Atlassian Statuspage's public API v2 (/api/v2/*.json), so the many
// widgets, chat integrations and monitors written for Statuspage work against Beacon unchanged. Built from
// lib/status's loaders (the status page's own data): never a second loader of the same rows.
import { statusHistory, statusPage, type DisplayStatus, type PublicComponent, type PublicIncident, type PublicMaintenance, type StatusPageData } from "../status/index.ts";

/** Statuspage's page id is an opaque string; an install has one page. */
export const PAGE_ID = "beacon";

const INDICATOR: Record<DisplayStatus, "none" | "minor" | "major" | "critical" | "maintenance"> = {
  operational: "none",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
  under_maintenance: "maintenance",
};

/** Statuspage's own words for each indicator. */
const DESCRIPTION: Record<DisplayStatus, string> = {
  operational: "All Systems Operational",
  degraded_performance: "Minor Service Outage",
  partial_outage: "Partial System Outage",
  major_outage: "Major System Outage",
  under_maintenance: "Service Under Maintenance",
};

// Beacon's incident statuses (0 scheduled … 4 fixed) as Statuspage's.
const INCIDENT_STATUS = ["scheduled", "investigating", "identified", "monitoring", "resolved"] as const;
const IMPACT = ["none", "none", "minor", "major", "critical"] as const;
const STORED_COMPONENT_STATUS: Record<number, string> = { 1: "operational", 2: "degraded_performance", 3: "partial_outage", 4: "major_outage" };

const componentId = (id: number) => String(id);
const groupId = (id: number) => `group-${id}`;
/** Incidents and maintenance share Statuspage's id space: maintenance ids carry a prefix. */
const maintenanceId = (id: number) => `maintenance-${id}`;

function pageOf(data: StatusPageData, origin: string) {
  return { id: PAGE_ID, name: data.siteName, url: origin, time_zone: "Etc/UTC", updated_at: data.lastUpdated ?? data.generatedAt };
}

interface StatuspageComponent {
  id: string;
  name: string;
  status: string;
  /** Beacon's public data carries no creation time: null rather than a made-up one. */
  created_at: string | null;
  updated_at: string | null;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** A group's members. */
  components?: string[];
}

function entry(fields: Pick<StatuspageComponent, "id" | "name" | "status" | "updated_at" | "position" | "description" | "group_id"> & { components?: string[] }): StatuspageComponent {
  return {
    created_at: null,
    showcase: true,
    start_date: null,
    page_id: PAGE_ID,
    group: fields.components !== undefined,
    only_show_if_degraded: false,
    ...fields,
  };
}

const component = (c: PublicComponent, position: number, group: string | null) =>
  entry({ id: componentId(c.id), name: c.name, status: c.display, updated_at: c.updated_at, position, description: c.description || null, group_id: group });

/** Components as Statuspage lists them: every component, and each group as a component with `group: true` and its members' ids. */
function componentsOf(data: StatusPageData): StatuspageComponent[] {
  const out: StatuspageComponent[] = [];
  let position = 1;
  for (const g of data.groups) {
    const worst = g.components.reduce((max, c) => Math.max(max, c.status), 1);
    const maintenance = worst === 1 && g.components.some((c) => c.display === "under_maintenance");
    const latest = g.components.map((c) => c.updated_at).sort().at(-1) ?? null;
    const status = maintenance ? "under_maintenance" : (STORED_COMPONENT_STATUS[worst] ?? "operational");
    out.push(entry({ id: groupId(g.id), name: g.name, status, updated_at: latest, position: position++, description: null, group_id: null, components: g.components.map((c) => componentId(c.id)) }));
    for (const c of g.components) out.push(component(c, position++, groupId(g.id)));
  }
  for (const c of data.ungrouped) out.push(component(c, position++, null));
  return out;
}

/** An incident's or maintenance's components, as the component list shows them. */
const affected = (components: { id: number; name: string }[], all: Map<number, StatuspageComponent>) => components.flatMap((c) => all.get(c.id) ?? []);

function incident(i: PublicIncident, origin: string, all: Map<number, StatuspageComponent>) {
  const status = INCIDENT_STATUS[i.status] ?? "investigating";
  const monitoring = i.updates.filter((u) => u.status === 3).at(-1);
  return {
    id: String(i.id),
    name: i.name,
    status,
    created_at: i.occurred_at,
    updated_at: i.updated_at,
    monitoring_at: monitoring?.created_at ?? null,
    resolved_at: i.resolved_at,
    impact: IMPACT[i.components.reduce((max, c) => Math.max(max, c.status), 1)] ?? "none",
    shortlink: `${origin}/incidents/${i.id}`,
    started_at: i.occurred_at,
    page_id: PAGE_ID,
    incident_updates: i.updates.map((u) => ({
      id: `${i.id}-${u.id}`,
      status: INCIDENT_STATUS[u.status] ?? "investigating",
      body: u.message,
      incident_id: String(i.id),
      created_at: u.created_at,
      updated_at: u.created_at,
      display_at: u.created_at,
    })),
    components: affected(i.components, all),
  };
}

function maintenance(m: PublicMaintenance, origin: string, all: Map<number, StatuspageComponent>) {
  return {
    id: maintenanceId(m.id),
    name: m.name,
    status: m.status,
    created_at: m.scheduled_start,
    updated_at: m.updated_at,
    monitoring_at: null as string | null,
    resolved_at: m.completed_at,
    impact: "maintenance" as const,
    shortlink: `${origin}/#maintenance-${m.id}`,
    started_at: m.scheduled_start,
    page_id: PAGE_ID,
    scheduled_for: m.scheduled_start,
    scheduled_until: m.scheduled_end,
    incident_updates: m.message
      ? [{ id: `${maintenanceId(m.id)}-0`, status: m.status, body: m.message, incident_id: maintenanceId(m.id), created_at: m.scheduled_start, updated_at: m.updated_at, display_at: m.scheduled_start }]
      : [],
    components: affected(m.components, all),
  };
}

/** Everything /api/v2 answers, from one load of the status page (and the history for the "all" lists). */
export async function statuspageSnapshot(origin: string, withHistory = false) {
  const data = await statusPage();
  const components = componentsOf(data);
  const byId = new Map(components.filter((c) => !c.group).map((c) => [Number(c.id), c]));
  const page = pageOf(data, origin);
  const status = { indicator: INDICATOR[data.overall.status], description: DESCRIPTION[data.overall.status] };
  const unresolved = data.activeIncidents.map((i) => incident(i, origin, byId));
  const active = data.maintenance.inProgress.map((m) => maintenance(m, origin, byId));
  const upcoming = data.maintenance.upcoming.map((m) => maintenance(m, origin, byId));
  let incidents = unresolved;
  let maintenances = [...active, ...upcoming];
  if (withHistory) {
    // Statuspage lists the 50 most recent.
    const history = await statusHistory(1);
    const seen = new Set(unresolved.map((i) => i.id));
    const past = history.months.flatMap((mo) => mo.incidents).map((i) => incident(i, origin, byId)).filter((i) => !seen.has(i.id));
    incidents = [...unresolved, ...past].sort((a, b) => b.created_at.localeCompare(a.created_at)).slice(0, 50);
    const seenM = new Set(maintenances.map((m) => m.id));
    const pastM = history.months.flatMap((mo) => mo.maintenance).map((m) => maintenance(m, origin, byId)).filter((m) => !seenM.has(m.id));
    maintenances = [...upcoming.reverse(), ...active, ...pastM].slice(0, 50);
  }
  return { page, status, components, unresolved, incidents, active, upcoming, maintenances };
}
