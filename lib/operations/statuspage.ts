// /api/v2/*.json: the status page's data in the shape of Atlassian Statuspage's public API v2. Open like
// `/` itself (readable with no public API role; a presented bad credential is still a 401), shared through
// the public cache, and served from the last good copy while the database is down.
import { named, operation } from "../api/operation.ts";
import { ok } from "../api/respond.ts";
import { requestOrigin } from "../net.ts";
import { statuspageSnapshot } from "../statuspage/index.ts";
import { StatuspageComponentsOut, StatuspageIncidentsOut, StatuspageMaintenancesOut, StatuspageStatusOut, StatuspageSummaryOut } from "../validation/statuspage.ts";

const common = { tag: "Statuspage-compatible", method: "GET", open: true, publicCache: "outage" } as const;
const OUTAGE = "While the database is unreachable the last good copy is served, with its age in `Age` and `Beacon-Stale`.";

type Snapshot = Awaited<ReturnType<typeof statuspageSnapshot>>;

function v2(path: string, operationId: string, summary: string, schema: ReturnType<typeof named>, pick: (s: Snapshot) => object, withHistory = false) {
  return operation({
    ...common, path: `/api/v2/${path}`, operationId, summary, description: `Statuspage's \`GET /api/v2/${path}\`, field for field. ${OUTAGE}`,
    responses: { 200: schema },
    run: async ({ req }) => ok(pick(await statuspageSnapshot(requestOrigin(req), withHistory))),
  });
}

export const STATUSPAGE = {
  status: v2("status.json", "statuspageStatus", "Overall status (Statuspage v2)", named("StatuspageStatusOut", StatuspageStatusOut), ({ page, status }) => ({ page, status })),
  summary: v2("summary.json", "statuspageSummary", "Summary: components, unresolved incidents, maintenance, status (Statuspage v2)", named("StatuspageSummaryOut", StatuspageSummaryOut), (s) => ({
    page: s.page, components: s.components, incidents: s.unresolved, scheduled_maintenances: [...s.active, ...s.upcoming], status: s.status,
  })),
  components: v2("components.json", "statuspageComponents", "Components (Statuspage v2)", named("StatuspageComponentsOut", StatuspageComponentsOut), ({ page, components }) => ({ page, components })),
  incidents: v2("incidents.json", "statuspageIncidents", "The 50 most recent incidents (Statuspage v2)", named("StatuspageIncidentsOut", StatuspageIncidentsOut), ({ page, incidents }) => ({ page, incidents }), true),
  unresolved: v2("incidents/unresolved.json", "statuspageUnresolvedIncidents", "Unresolved incidents (Statuspage v2)", named("StatuspageIncidentsOut", StatuspageIncidentsOut), ({ page, unresolved }) => ({ page, incidents: unresolved })),
  maintenances: v2("scheduled-maintenances.json", "statuspageMaintenances", "The 50 most recent scheduled maintenances (Statuspage v2)", named("StatuspageMaintenancesOut", StatuspageMaintenancesOut), ({ page, maintenances }) => ({ page, scheduled_maintenances: maintenances }), true),
  upcoming: v2("scheduled-maintenances/upcoming.json", "statuspageUpcomingMaintenances", "Upcoming scheduled maintenances (Statuspage v2)", named("StatuspageMaintenancesOut", StatuspageMaintenancesOut), ({ page, upcoming }) => ({ page, scheduled_maintenances: upcoming })),
  active: v2("scheduled-maintenances/active.json", "statuspageActiveMaintenances", "Scheduled maintenances in progress (Statuspage v2)", named("StatuspageMaintenancesOut", StatuspageMaintenancesOut), ({ page, active }) => ({ page, scheduled_maintenances: active })),
};
