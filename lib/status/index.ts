// The one loader of everything public: the status page, its history, one incident, one content page and
// the site menu. Each function takes no request and no session: it reads what an anonymous visitor may
// see, whatever the public API role, by the same visibility rules as the API's anonymous requests (each
// domain's `*VisibleTo`), so its result can be cached and served to any anonymous visitor.
import { db, type Prisma } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { componentsVisibleTo } from "../components/index.ts";
import { groupsVisibleTo } from "../groups/index.ts";
import { componentStatusName, incidentUpdatesVisibleTo, incidentsVisibleTo } from "../incidents/index.ts";
import { findMaintenance, serializeMaintenance, maintenanceVisibleTo, maintenanceWithStatus, type MaintenanceRow } from "../maintenance/index.ts";
import { menuItemsVisibleTo } from "../menus/index.ts";
import { pagesVisibleTo } from "../pages/index.ts";
import { INCIDENT_STATUSES } from "../validation/incidents.ts";
import { type MaintenanceStatus } from "../validation/maintenance.ts";
import { DISPLAY_STATUSES, displayOf, overallOf, type DisplayStatus } from "./display.ts";
import { changesByComponent, computeUptime, windowStart, UPTIME_DAYS, type UptimeDay } from "./uptime.ts";

export { DISPLAY_STATUSES, type DisplayStatus } from "./display.ts";
export type { UptimeDay } from "./uptime.ts";

const ANONYMOUS: Pick<Principal, "user"> = { user: null };
/** Resolved incidents stay on the front page this long. */
export const RECENT_DAYS = 7;
/** Months per page of /history (Statuspage shows three). */
export const HISTORY_MONTHS_PER_PAGE = 3;
const FIXED = 4;

// ---- shapes ----------------------------------------------------------------------------------------

export interface PublicComponent {
  id: number;
  name: string;
  description: string;
  /** The stored status (1–4). */
  status: number;
  status_name: string;
  /** What the page shows: the stored status, or under_maintenance while a maintenance covering it runs. */
  display: DisplayStatus;
  display_name: string;
  group_id: number | null;
  updated_at: string;
  uptime: { percent: number | null; days: UptimeDay[] };
}

export interface PublicGroup {
  id: number;
  name: string;
  collapsed: boolean;
  components: PublicComponent[];
}

export interface AffectedComponent {
  id: number;
  name: string;
  status: number;
  status_name: string;
}

export interface TimelineEntry {
  id: number;
  status: number;
  status_name: string;
  message: string;
  created_at: string;
}

export interface PublicIncident {
  id: number;
  name: string;
  message: string;
  status: number;
  status_name: string;
  occurred_at: string;
  updated_at: string;
  /** When the incident was fixed: its latest "Fixed" update, else its last change; null while active. */
  resolved_at: string | null;
  components: AffectedComponent[];
  /** Every update, newest first. */
  updates: TimelineEntry[];
}

export interface PublicMaintenance {
  id: number;
  name: string;
  message: string;
  scheduled_start: string;
  scheduled_end: string;
  completed_at: string | null;
  status: MaintenanceStatus;
  status_name: string;
  updated_at: string;
  components: { id: number; name: string }[];
}

export interface MenuLink {
  label: string;
  href: string;
}

export interface StatusPageData {
  siteName: string;
  overall: { status: DisplayStatus; label: string };
  /** The latest change of anything the page shows; null on an empty site. */
  lastUpdated: string | null;
  menu: MenuLink[];
  groups: PublicGroup[];
  /** Components in no group, after the groups. */
  ungrouped: PublicComponent[];
  activeIncidents: PublicIncident[];
  recentIncidents: PublicIncident[];
  maintenance: { inProgress: PublicMaintenance[]; upcoming: PublicMaintenance[] };
  uptimeDays: number;
  generatedAt: string;
}

// ---- pieces shared by the loaders ---------------------------------------------------------------

const visibleComponent = componentsVisibleTo(ANONYMOUS);

const incidentSelect = {
  id: true,
  name: true,
  message: true,
  status: true,
  occurredAt: true,
  updatedAt: true,
  components: {
    where: { component: { is: visibleComponent } },
    orderBy: { componentId: "asc" },
    select: { status: true, component: { select: { id: true, name: true } } },
  },
  // An update is visible with its incident (lib/incidents' incidentUpdatesVisibleTo).
  updates: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, status: true, message: true, createdAt: true } },
} satisfies Prisma.IncidentSelect;

type IncidentRow = Prisma.IncidentGetPayload<{ select: typeof incidentSelect }>;

const incidentStatusName = (status: number) => INCIDENT_STATUSES[status as keyof typeof INCIDENT_STATUSES] ?? "Unknown";

function toIncident(i: IncidentRow): PublicIncident {
  const fixedAt = i.updates.find((u) => u.status === FIXED)?.createdAt ?? i.updatedAt;
  return {
    id: i.id,
    name: i.name,
    message: i.message,
    status: i.status,
    status_name: incidentStatusName(i.status),
    occurred_at: i.occurredAt.toISOString(),
    updated_at: i.updatedAt.toISOString(),
    resolved_at: i.status === FIXED ? fixedAt.toISOString() : null,
    components: i.components.map((c) => ({ id: c.component.id, name: c.component.name, status: c.status, status_name: componentStatusName(c.status) })),
    updates: i.updates.map((u) => ({ id: u.id, status: u.status, status_name: incidentStatusName(u.status), message: u.message, created_at: u.createdAt.toISOString() })),
  };
}

function toMaintenance(m: MaintenanceRow, now: Date): PublicMaintenance {
  // The API's own serialization, less what the public page does not show.
  const { visible: _visible, created_at: _createdAt, ...shown } = serializeMaintenance(m, now);
  return shown;
}

const componentSelect = { id: true, name: true, description: true, status: true, groupId: true, createdAt: true, updatedAt: true } as const;
const byOrder = [{ order: "asc" as const }, { id: "asc" as const }];

async function siteNameOf(): Promise<string> {
  return (await db.settings.findUnique({ where: { id: 1 }, select: { siteName: true } }))?.siteName ?? "Beacon";
}

/** The site menu: the first menu by id, its items to published pages and URLs, in their order. */
export async function siteMenu(): Promise<MenuLink[]> {
  const menu = await db.menu.findFirst({
    orderBy: { id: "asc" },
    select: {
      items: {
        where: menuItemsVisibleTo(ANONYMOUS),
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: { label: true, url: true, page: { select: { slug: true } } },
      },
    },
  });
  return (menu?.items ?? []).flatMap((item) => {
    const href = item.page ? `/p/${encodeURIComponent(item.page.slug)}` : item.url;
    return href ? [{ label: item.label, href }] : [];
  });
}

const latest = (...dates: (Date | string | null | undefined)[]) =>
  dates.reduce<Date | null>((max, d) => {
    if (!d) return max;
    const date = typeof d === "string" ? new Date(d) : d;
    return !max || date > max ? date : max;
  }, null);

// ---- the status page ----------------------------------------------------------------------------

/** Everything `/` shows, as of `now`. */
export async function statusPage(now: Date = new Date()): Promise<StatusPageData> {
  const since = windowStart(now, UPTIME_DAYS);
  const recentSince = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
  const incidents = incidentsVisibleTo(ANONYMOUS);
  const [siteName, menu, groups, ungrouped, changes, active, recent, running, upcoming, lastIncident, lastUpdate, lastMaintenance] = await Promise.all([
    siteNameOf(),
    siteMenu(),
    db.componentGroup.findMany({
      where: groupsVisibleTo(ANONYMOUS),
      orderBy: byOrder,
      select: { id: true, name: true, collapsed: true, components: { where: visibleComponent, orderBy: byOrder, select: componentSelect } },
    }),
    db.component.findMany({ where: { groupId: null, AND: [visibleComponent] }, orderBy: byOrder, select: componentSelect }),
    // The window's changes of every visible component, in one query; the uptime is computed in memory.
    db.componentStatusChange.findMany({
      where: { changedAt: { gte: since }, component: { is: visibleComponent } },
      orderBy: [{ changedAt: "asc" }, { id: "asc" }],
      select: { componentId: true, fromStatus: true, toStatus: true, changedAt: true },
    }),
    db.incident.findMany({ where: { AND: [incidents, { status: { not: FIXED } }] }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], select: incidentSelect }),
    db.incident.findMany({
      where: { AND: [incidents, { status: FIXED, occurredAt: { gte: recentSince } }] },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: 20,
      select: incidentSelect,
    }),
    findMaintenance(ANONYMOUS, maintenanceWithStatus("in_progress", now), [{ scheduledEnd: "asc" }, { id: "asc" }]),
    findMaintenance(ANONYMOUS, maintenanceWithStatus("scheduled", now), [{ scheduledStart: "asc" }, { id: "asc" }], 20),
    db.incident.aggregate({ where: incidents, _max: { updatedAt: true } }),
    db.incidentUpdate.aggregate({ where: incidentUpdatesVisibleTo(ANONYMOUS), _max: { updatedAt: true } }),
    db.maintenance.aggregate({ where: maintenanceVisibleTo(ANONYMOUS), _max: { updatedAt: true } }),
  ]);

  const byComponent = changesByComponent(changes);
  const underMaintenance = new Set(running.flatMap((m) => m.components.map((c) => c.component.id)));
  const toComponent = (c: (typeof ungrouped)[number]): PublicComponent => {
    const display: DisplayStatus = underMaintenance.has(c.id) ? "under_maintenance" : displayOf(c.status);
    const uptime = computeUptime(c, byComponent.get(c.id) ?? [], now);
    return {
      id: c.id,
      name: c.name,
      description: c.description,
      status: c.status,
      status_name: componentStatusName(c.status),
      display,
      display_name: DISPLAY_STATUSES[display].label,
      group_id: c.groupId,
      updated_at: c.updatedAt.toISOString(),
      uptime,
    };
  };
  const shownGroups = groups
    .filter((g) => g.components.length > 0)
    .map((g) => ({ id: g.id, name: g.name, collapsed: g.collapsed, components: g.components.map(toComponent) }));
  const shownUngrouped = ungrouped.map(toComponent);
  const all = [...shownGroups.flatMap((g) => g.components), ...shownUngrouped];
  const overall = overallOf(all);
  const lastUpdated = latest(
    ...all.map((c) => c.updated_at),
    lastIncident._max.updatedAt,
    lastUpdate._max.updatedAt,
    lastMaintenance._max.updatedAt,
    // A maintenance starting or ending changes the page at that moment, with no write.
    ...running.map((m) => m.scheduledStart),
  );
  return {
    siteName,
    overall: { status: overall, label: DISPLAY_STATUSES[overall].overall },
    lastUpdated: lastUpdated?.toISOString() ?? null,
    menu,
    groups: shownGroups,
    ungrouped: shownUngrouped,
    activeIncidents: active.map(toIncident),
    recentIncidents: recent.map(toIncident),
    maintenance: { inProgress: running.map((m) => toMaintenance(m, now)), upcoming: upcoming.map((m) => toMaintenance(m, now)) },
    uptimeDays: UPTIME_DAYS,
    generatedAt: now.toISOString(),
  };
}

// ---- history ------------------------------------------------------------------------------------

export interface HistoryMonth {
  /** `YYYY-MM` (UTC). */
  month: string;
  incidents: PublicIncident[];
  maintenance: PublicMaintenance[];
}

export interface HistoryPage {
  siteName: string;
  menu: MenuLink[];
  page: number;
  months: HistoryMonth[];
  /** Whether anything older than this page's months exists (a next page). */
  hasOlder: boolean;
}

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));
export const MAX_HISTORY_PAGE = 400;

/**
 * Page `page` (from 1) of the history: HISTORY_MONTHS_PER_PAGE calendar months (UTC), newest first, each
 * with its incidents (by when they occurred) and its maintenance that has started (by its start).
 */
export async function statusHistory(page = 1, now: Date = new Date()): Promise<HistoryPage> {
  const p = Math.min(Math.max(1, Math.floor(page)), MAX_HISTORY_PAGE);
  const firstMonth = now.getUTCMonth() - (p - 1) * HISTORY_MONTHS_PER_PAGE;
  const end = monthStart(now.getUTCFullYear(), firstMonth + 1);
  const start = monthStart(now.getUTCFullYear(), firstMonth - HISTORY_MONTHS_PER_PAGE + 1);
  const incidents = incidentsVisibleTo(ANONYMOUS);
  const started = { scheduledStart: { gte: start, lt: end, lte: now } };
  const [siteName, menu, incidentRows, maintenanceRows, olderIncident, olderMaintenance] = await Promise.all([
    siteNameOf(),
    siteMenu(),
    db.incident.findMany({ where: { AND: [incidents, { occurredAt: { gte: start, lt: end } }] }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], select: incidentSelect }),
    findMaintenance(ANONYMOUS, started, [{ scheduledStart: "desc" }, { id: "desc" }]),
    db.incident.findFirst({ where: { AND: [incidents, { occurredAt: { lt: start } }] }, select: { id: true } }),
    db.maintenance.findFirst({ where: { AND: [maintenanceVisibleTo(ANONYMOUS), { scheduledStart: { lt: start } }] }, select: { id: true } }),
  ]);
  const months: HistoryMonth[] = [];
  for (let n = 0; n < HISTORY_MONTHS_PER_PAGE; n++) {
    const from = monthStart(now.getUTCFullYear(), firstMonth - n);
    const to = monthStart(now.getUTCFullYear(), firstMonth - n + 1);
    const inMonth = (d: Date) => d >= from && d < to;
    months.push({
      month: from.toISOString().slice(0, 7),
      incidents: incidentRows.filter((i) => inMonth(i.occurredAt)).map(toIncident),
      maintenance: maintenanceRows.filter((m) => inMonth(m.scheduledStart)).map((m) => toMaintenance(m, now)),
    });
  }
  return { siteName, menu, page: p, months, hasOlder: p < MAX_HISTORY_PAGE && Boolean(olderIncident || olderMaintenance) };
}

// ---- one incident, one page ---------------------------------------------------------------------

/** One visible incident with its whole timeline and affected components; null when hidden or unknown. */
export async function publicIncident(id: number): Promise<{ siteName: string; menu: MenuLink[]; incident: PublicIncident } | null> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return null;
  const [siteName, menu, row] = await Promise.all([
    siteNameOf(),
    siteMenu(),
    db.incident.findFirst({ where: { id, AND: [incidentsVisibleTo(ANONYMOUS)] }, select: incidentSelect }),
  ]);
  return row ? { siteName, menu, incident: toIncident(row) } : null;
}

export interface PublicPage {
  title: string;
  slug: string;
  body: string;
  updated_at: string;
}

/** One published content page by slug (case-insensitive, as the API); null when unpublished or unknown. */
export async function publicPage(slug: string): Promise<{ siteName: string; menu: MenuLink[]; page: PublicPage } | null> {
  const key = slug.trim().toLowerCase();
  if (!key || key.length > 255) return null;
  const [siteName, menu, row] = await Promise.all([
    siteNameOf(),
    siteMenu(),
    db.page.findFirst({ where: { slug: key, AND: [pagesVisibleTo(ANONYMOUS)] }, select: { title: true, slug: true, body: true, updatedAt: true } }),
  ]);
  return row ? { siteName, menu, page: { title: row.title, slug: row.slug, body: row.body, updated_at: row.updatedAt.toISOString() } } : null;
}

/** The site's name alone (page titles). */
export const publicSiteName = siteNameOf;
