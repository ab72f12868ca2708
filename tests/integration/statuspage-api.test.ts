// /api/v2/*.json, Atlassian Statuspage's public API v2: the documented field names and status strings,
// unresolved incidents with their updates, scheduled maintenance, open with no public API role, a bad
// credential still a 401, and shared through the public cache.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { setPublicRole } from "../helpers/fixtures.ts";

let app: TestApp;
let admin: Record<string, string>;
const HOUR = 3600_000;
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();

// Statuspage's documented keys (https://metastatuspage.com/api/v2/summary.json).
const PAGE_KEYS = ["id", "name", "time_zone", "updated_at", "url"];
const COMPONENT_KEYS = ["created_at", "description", "group", "group_id", "id", "name", "only_show_if_degraded", "page_id", "position", "showcase", "start_date", "status", "updated_at"];
const INCIDENT_KEYS = ["components", "created_at", "id", "impact", "incident_updates", "monitoring_at", "name", "page_id", "resolved_at", "shortlink", "started_at", "status", "updated_at"];
const UPDATE_KEYS = ["body", "created_at", "display_at", "id", "incident_id", "status", "updated_at"];

async function post(path: string, json: Record<string, unknown>) {
  const res = await app.call("POST", path, { headers: admin, json });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describeDb("Statuspage-compatible /api/v2", () => {
  let api: { id: number };
  let db: { id: number };
  let group: { id: number };
  let incident: { id: number };
  let upcoming: { id: number };
  let running: { id: number };

  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
    group = await post("/api/v1/components/groups", { name: "Core" });
    api = await post("/api/v1/components", { name: "API", group_id: group.id, status: 1 });
    db = await post("/api/v1/components", { name: "Database", status: 1 });
    incident = await post("/api/v1/incidents", { name: "Slow API", message: "Looking into it", status: 1, components: [{ id: api.id, status: 3 }] });
    await post(`/api/v1/incidents/${incident.id}/updates`, { message: "Found the cause", status: 2 });
    upcoming = await post("/api/v1/maintenance", { name: "DB upgrade", message: "Planned", scheduled_start: iso(HOUR), scheduled_end: iso(2 * HOUR), component_ids: [db.id] });
    running = await post("/api/v1/maintenance", { name: "Rack move", scheduled_start: iso(-HOUR), scheduled_end: iso(HOUR), component_ids: [db.id] });
  });

  test("summary.json: Statuspage's field names, status strings, unresolved incidents with updates, maintenance", async () => {
    const res = await app.call("GET", "/api/v2/summary.json");
    assert.equal(res.status, 200, res.text);
    const s = res.body;
    assert.deepEqual(Object.keys(s).sort(), ["components", "incidents", "page", "scheduled_maintenances", "status"]);
    assert.deepEqual(Object.keys(s.page).sort(), PAGE_KEYS);
    assert.equal(s.page.url, "http://beacon.test");
    assert.deepEqual(s.status, { indicator: "major", description: "Partial System Outage" });
    const byName = Object.fromEntries(s.components.map((c: { name: string }) => [c.name, c]));
    assert.deepEqual(Object.keys(byName.API).sort(), COMPONENT_KEYS);
    assert.equal(byName.API.status, "partial_outage");
    assert.equal(byName.API.group_id, `group-${group.id}`);
    assert.equal(byName.Database.status, "under_maintenance", "covered by the running maintenance");
    assert.deepEqual([byName.Core.group, byName.Core.components, byName.Core.status], [true, [String(api.id)], "partial_outage"]);
    assert.equal(s.incidents.length, 1);
    const i = s.incidents[0];
    assert.deepEqual(Object.keys(i).sort(), INCIDENT_KEYS);
    assert.deepEqual([i.id, i.name, i.status, i.impact, i.shortlink], [String(incident.id), "Slow API", "identified", "major", `http://beacon.test/incidents/${incident.id}`]);
    assert.deepEqual(i.incident_updates.map((u: { status: string; body: string }) => [u.status, u.body]), [["identified", "Found the cause"]]);
    assert.deepEqual(Object.keys(i.incident_updates[0]).sort(), UPDATE_KEYS);
    assert.deepEqual(i.components.map((c: { name: string }) => c.name), ["API"]);
    const m = Object.fromEntries(s.scheduled_maintenances.map((x: { name: string }) => [x.name, x]));
    assert.deepEqual([m["Rack move"].status, m["DB upgrade"].status], ["in_progress", "scheduled"]);
    assert.equal(m["DB upgrade"].scheduled_for, new Date(Date.parse(m["DB upgrade"].scheduled_for)).toISOString());
    assert.deepEqual(m["DB upgrade"].components.map((c: { name: string }) => c.name), ["Database"]);
    assert.equal(m["DB upgrade"].impact, "maintenance");
  });

  test("status, components, incidents, unresolved, scheduled-maintenances, upcoming and active", async () => {
    const status = (await app.call("GET", "/api/v2/status.json")).body;
    assert.deepEqual(Object.keys(status).sort(), ["page", "status"]);
    assert.equal(status.status.indicator, "major");
    assert.equal((await app.call("GET", "/api/v2/components.json")).body.components.length, 3);
    assert.deepEqual((await app.call("GET", "/api/v2/incidents/unresolved.json")).body.incidents.map((i: { id: string }) => i.id), [String(incident.id)]);
    const ids = async (path: string) => (await app.call("GET", path)).body.scheduled_maintenances.map((m: { id: string }) => m.id);
    assert.deepEqual(await ids("/api/v2/scheduled-maintenances/upcoming.json"), [`maintenance-${upcoming.id}`]);
    assert.deepEqual(await ids("/api/v2/scheduled-maintenances/active.json"), [`maintenance-${running.id}`]);
    assert.deepEqual((await ids("/api/v2/scheduled-maintenances.json")).sort(), [`maintenance-${running.id}`, `maintenance-${upcoming.id}`].sort());
    // Resolved incidents leave unresolved.json but stay in incidents.json.
    await post(`/api/v1/incidents/${incident.id}/updates`, { message: "Fixed", status: 4 });
    await app.call("PATCH", `/api/v1/components/${api.id}`, { headers: admin, json: { status: 1 } });
    assert.deepEqual((await app.call("GET", "/api/v2/incidents/unresolved.json")).body.incidents, []);
    const all = (await app.call("GET", "/api/v2/incidents.json")).body.incidents;
    assert.equal(all[0].status, "resolved");
    assert.ok(all[0].resolved_at);
    assert.equal((await app.call("GET", "/api/v2/status.json")).body.status.indicator, "maintenance", "only maintenance is left");
  });

  test("open with no public API role; a bad credential is a 401; shared copies with ETag and 304", async () => {
    try {
      await setPublicRole(null);
      assert.equal((await app.call("GET", "/api/v1/components")).status, 401);
      const res = await app.call("GET", "/api/v2/status.json");
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("cache-control"), "public, s-maxage=5, stale-while-revalidate=30");
      const etag = res.headers.get("etag")!;
      assert.equal((await app.call("GET", "/api/v2/status.json", { headers: { "If-None-Match": etag } })).status, 304);
      assert.equal((await app.call("GET", "/api/v2/summary.json", { headers: { "X-Api-Key": "x".repeat(40) } })).status, 401);
      const signedIn = await app.call("GET", "/api/v2/summary.json", { headers: admin });
      assert.equal(signedIn.status, 200);
      assert.equal(signedIn.headers.get("cache-control"), "private, no-store");
    } finally {
      await setPublicRole("Public");
    }
  });
});
