// /api/v1/maintenance: CRUD, the status derived from the window, filters, validation (every bad field at
// once), the incidents' permissions, and anonymous visibility.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { MaintenanceOut } from "../../lib/validation/maintenance.ts";

let app: TestApp;
let admin: Record<string, string>;
const BASE = "/api/v1/maintenance";
const HOUR = 3_600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const tag = `mnt${process.pid}`;

async function makeComponent(fields: Record<string, unknown> = {}) {
  const res = await app.call("POST", "/api/v1/components", { headers: admin, json: { name: `${tag} component ${Math.random().toString(36).slice(2, 8)}`, ...fields } });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function makeMaintenance(fields: Record<string, unknown> = {}) {
  const res = await app.call("POST", BASE, {
    headers: admin,
    json: { name: `${tag} window ${Math.random().toString(36).slice(2, 8)}`, scheduled_start: iso(HOUR), scheduled_end: iso(2 * HOUR), ...fields },
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describeDb("maintenance API", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("create with defaults, read, list, PATCH, PUT and DELETE", async () => {
    const component = await makeComponent();
    const created = await makeMaintenance({ message: "Upgrading **the database**.", component_ids: [component.id] });
    MaintenanceOut.parse(created);
    assert.equal(created.status, "scheduled");
    assert.equal(created.status_name, "Scheduled");
    assert.equal(created.visible, true);
    assert.equal(created.completed_at, null);
    assert.deepEqual(created.components, [{ id: component.id, name: component.name }]);

    const read = await app.call("GET", `${BASE}/${created.id}`, { headers: admin });
    assert.deepEqual(read.body, created);

    const patched = await app.call("PATCH", `${BASE}/${created.id}`, { headers: admin, json: { name: `${tag} renamed`, component_ids: [] } });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.body.name, `${tag} renamed`);
    assert.deepEqual(patched.body.components, []);
    assert.equal(patched.body.message, "Upgrading **the database**.");

    const put = await app.call("PUT", `${BASE}/${created.id}`, { headers: admin, json: { name: `${tag} put`, scheduled_start: iso(-HOUR), scheduled_end: iso(HOUR) } });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.message, "", "PUT gives omitted fields their defaults");
    assert.equal(put.body.status, "in_progress");

    assert.equal((await app.call("DELETE", `${BASE}/${created.id}`, { headers: admin })).status, 204);
    assert.equal((await app.call("GET", `${BASE}/${created.id}`, { headers: admin })).status, 404);
    assert.equal((await app.call("GET", `/api/v1/components/${component.id}`, { headers: admin })).status, 200, "its components stay");
  });

  test("the status follows the window and completed_at, and ?status= filters by it", async () => {
    const upcoming = await makeMaintenance({ scheduled_start: iso(HOUR), scheduled_end: iso(2 * HOUR) });
    const running = await makeMaintenance({ scheduled_start: iso(-HOUR), scheduled_end: iso(HOUR) });
    const past = await makeMaintenance({ scheduled_start: iso(-3 * HOUR), scheduled_end: iso(-2 * HOUR) });
    const endedEarly = await makeMaintenance({ scheduled_start: iso(-2 * HOUR), scheduled_end: iso(2 * HOUR), completed_at: iso(-HOUR) });
    assert.deepEqual([upcoming.status, running.status, past.status, endedEarly.status], ["scheduled", "in_progress", "completed", "completed"]);
    assert.equal(running.status_name, "In progress");
    assert.equal(past.status_name, "Completed");

    const ids = async (status: string) =>
      (await app.call("GET", `${BASE}?status=${status}&q=${tag}&limit=1000`, { headers: admin })).body.results.map((m: { id: number }) => m.id);
    const scheduled = await ids("scheduled");
    const inProgress = await ids("in_progress");
    const completed = await ids("completed");
    assert.ok(scheduled.includes(upcoming.id) && !scheduled.includes(running.id) && !scheduled.includes(past.id));
    assert.ok(inProgress.includes(running.id) && !inProgress.includes(endedEarly.id) && !inProgress.includes(upcoming.id));
    assert.ok(completed.includes(past.id) && completed.includes(endedEarly.id) && !completed.includes(running.id));

    // Ending a running window early completes it at once.
    const ended = await app.call("PATCH", `${BASE}/${running.id}`, { headers: admin, json: { completed_at: new Date().toISOString() } });
    assert.equal(ended.body.status, "completed");
  });

  test("?component_id= lists the maintenance covering that component; ordering by start", async () => {
    const a = await makeComponent();
    const b = await makeComponent();
    const first = await makeMaintenance({ scheduled_start: iso(HOUR), scheduled_end: iso(2 * HOUR), component_ids: [a.id, b.id] });
    const second = await makeMaintenance({ scheduled_start: iso(3 * HOUR), scheduled_end: iso(4 * HOUR), component_ids: [a.id] });
    const ofA = await app.call("GET", `${BASE}?component_id=${a.id}&ordering=scheduled_start`, { headers: admin });
    assert.deepEqual(ofA.body.results.map((m: { id: number }) => m.id), [first.id, second.id]);
    const ofB = await app.call("GET", `${BASE}?component_id=${b.id}`, { headers: admin });
    assert.deepEqual(ofB.body.results.map((m: { id: number }) => m.id), [first.id]);
    assert.deepEqual(first.components.map((c: { id: number }) => c.id), [a.id, b.id].sort((x, y) => x - y));
  });

  test("validation: every bad field reported at once; end after start; unknown and duplicate components", async () => {
    const bad = await app.call("POST", BASE, {
      headers: admin,
      json: { name: " ", scheduled_start: "2026-12-01T10:00:00Z", scheduled_end: "2026-12-01T09:00:00Z", visible: "yes", component_ids: [5, 5], colour: "red" },
    });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.detail, "Validation failed.");
    for (const field of ["name", "scheduled_end", "visible", "component_ids.1"]) assert.ok(bad.body.errors[field], `${field}: ${bad.text}`);
    assert.match(bad.body.errors.scheduled_end[0], /after the start/);

    const missing = await app.call("POST", BASE, { headers: admin, json: { name: "x" } });
    assert.deepEqual(missing.body.errors.scheduled_start, ["This field is required."]);
    assert.deepEqual(missing.body.errors.scheduled_end, ["This field is required."]);

    const notADate = await app.call("POST", BASE, { headers: admin, json: { name: "x", scheduled_start: "tomorrow", scheduled_end: iso(HOUR) } });
    assert.ok(notADate.body.errors.scheduled_start);

    const unknown = await app.call("POST", BASE, { headers: admin, json: { name: "x", scheduled_start: iso(HOUR), scheduled_end: iso(2 * HOUR), component_ids: [2_000_000_000] } });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body.errors, { "component_ids.0": ["Component 2000000000 does not exist."] });

    const early = await app.call("POST", BASE, { headers: admin, json: { name: "x", scheduled_start: iso(HOUR), scheduled_end: iso(2 * HOUR), completed_at: iso(0) } });
    assert.ok(early.body.errors.completed_at, early.text);
  });

  test("PATCH checks the window against the stored fields it keeps, and changes nothing when it fails", async () => {
    const m = await makeMaintenance({ scheduled_start: iso(HOUR), scheduled_end: iso(2 * HOUR) });
    const res = await app.call("PATCH", `${BASE}/${m.id}`, { headers: admin, json: { scheduled_end: iso(30 * 60_000), name: `${tag} never` } });
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(res.body.errors), ["scheduled_end"]);
    const after = await app.call("GET", `${BASE}/${m.id}`, { headers: admin });
    assert.equal(after.body.name, m.name);
    assert.equal(after.body.scheduled_end, m.scheduled_end);
  });

  test("anonymous callers see visible maintenance only; hidden is a 404; disabled components are left out", async () => {
    const hiddenComponent = await makeComponent({ enabled: false });
    const shownComponent = await makeComponent();
    const visible = await makeMaintenance({ component_ids: [hiddenComponent.id, shownComponent.id] });
    const hidden = await makeMaintenance({ visible: false });
    const list = await app.call("GET", `${BASE}?q=${tag}&limit=1000`);
    assert.equal(list.status, 200);
    const ids = list.body.results.map((m: { id: number }) => m.id);
    assert.ok(ids.includes(visible.id) && !ids.includes(hidden.id));
    assert.equal((await app.call("GET", `${BASE}/${hidden.id}`)).status, 404);
    const one = await app.call("GET", `${BASE}/${visible.id}`);
    assert.deepEqual(one.body.components.map((c: { id: number }) => c.id), [shownComponent.id]);
    assert.equal((await app.call("POST", BASE, { json: { name: "x", scheduled_start: iso(HOUR), scheduled_end: iso(2 * HOUR) } })).status, 401);
  });

  test("the incidents' permissions: a Viewer may read, not write; an Editor may write", async () => {
    const viewer = await seedUser({ role: "Viewer" });
    const viewerHeaders = tokenHeader((await seedToken(viewer.id)).key);
    const m = await makeMaintenance({ visible: false });
    assert.equal((await app.call("GET", `${BASE}/${m.id}`, { headers: viewerHeaders })).status, 200);
    const denied = await app.call("PATCH", `${BASE}/${m.id}`, { headers: viewerHeaders, json: { name: "no" } });
    assert.equal(denied.status, 403);
    const editor = await seedUser({ role: "Editor" });
    const editorHeaders = tokenHeader((await seedToken(editor.id)).key);
    assert.equal((await app.call("PATCH", `${BASE}/${m.id}`, { headers: editorHeaders, json: { name: `${tag} by editor` } })).status, 200);
  });
});
