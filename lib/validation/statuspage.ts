// The response shapes of /api/v2, Atlassian Statuspage's public API v2 (field names and status strings as
// Statuspage documents them), for the OpenAPI document and its response checks.
import { z } from "./common.ts";

const time = z.string();
const nullableTime = z.string().nullable();

export const StatuspagePage = z.object({ id: z.string(), name: z.string(), url: z.string(), time_zone: z.string(), updated_at: time });
export const StatuspageStatus = z.object({
  indicator: z.enum(["none", "minor", "major", "critical", "maintenance"]),
  description: z.string(),
});
export const StatuspageComponent = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"]),
  created_at: nullableTime,
  updated_at: nullableTime,
  position: z.number().int(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: nullableTime,
  group_id: z.string().nullable(),
  page_id: z.string(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  components: z.array(z.string()).optional().describe("A group's member component ids."),
});
const IncidentUpdate = z.object({
  id: z.string(),
  status: z.string(),
  body: z.string(),
  incident_id: z.string(),
  created_at: time,
  updated_at: time,
  display_at: time,
});
export const StatuspageIncident = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["scheduled", "investigating", "identified", "monitoring", "resolved", "in_progress", "completed"]),
  created_at: time,
  updated_at: time,
  monitoring_at: nullableTime,
  resolved_at: nullableTime,
  impact: z.enum(["none", "minor", "major", "critical", "maintenance"]),
  shortlink: z.string(),
  started_at: time,
  page_id: z.string(),
  incident_updates: z.array(IncidentUpdate),
  components: z.array(StatuspageComponent),
  scheduled_for: time.optional(),
  scheduled_until: time.optional(),
});

export const StatuspageStatusOut = z.object({ page: StatuspagePage, status: StatuspageStatus });
export const StatuspageSummaryOut = z.object({
  page: StatuspagePage,
  components: z.array(StatuspageComponent),
  incidents: z.array(StatuspageIncident),
  scheduled_maintenances: z.array(StatuspageIncident),
  status: StatuspageStatus,
});
export const StatuspageComponentsOut = z.object({ page: StatuspagePage, components: z.array(StatuspageComponent) });
export const StatuspageIncidentsOut = z.object({ page: StatuspagePage, incidents: z.array(StatuspageIncident) });
export const StatuspageMaintenancesOut = z.object({ page: StatuspagePage, scheduled_maintenances: z.array(StatuspageIncident) });
