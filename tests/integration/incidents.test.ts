// /api/v1/incidents and /incidents/{id}/updates: CRUD, Cachet's status flow, visibility, permissions,
// pagination and validation.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser, setPublicRole } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";
import { IncidentOut, IncidentUpdateOut } from "../../lib/validation/incidents.ts";

let app: TestApp;
let admin: Record<string, string>;
const BASE = "/api/v1/incidents";

async function tokenFor(role: string, options: { writeEnabled?: boolean } = {}) {
  const user = await seedUser({ role });
  return { user, headers: tokenHeader((await seedToken(user.id, options)).key) };
}

async function makeIncident(fields: Record<string, unknown> = {}) {
  const res = await app.call("POST", BASE, { headers: admin, json: { name: `Incident ${Math.random().toString(36).slice(2, 8)}`, ...fields } });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function makeComponent(status = 1) {
  const res = await app.call("POST", "/api/v1/components", { headers: admin, json: { name: `Component ${Math.random().toString(36).slice(2, 8)}`, status } });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

const componentStatus = async (id: number) => (await db.component.findUniqueOrThrow({ where: { id } })).status;

describeDb("incidents API", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("create with defaults, read, list, PATCH, PUT and DELETE", async () => {
    const before = Date.now();
    let res = await app.call("POST", BASE, { headers: admin, json: { name: "Database slow", message: "We are **looking**." } });
    assert.equal(res.status, 201);
    const incident = res.body;
    IncidentOut.parse(incident);
    assert.deepEqual(Object.keys(incident).sort(), [
      "component_id", "component_status", "components", "created_at", "id", "message", "name", "occurred_at", "scheduled_at", "status", "status_name", "updated_at", "visible",
    ]);
    assert.deepEqual(
      [incident.status, incident.status_name, incident.visible, incident.component_id, incident.component_status, incident.scheduled_at],
      [1, "Investigating", true, null, null, null],
    );
    assert.ok(Date.parse(incident.occurred_at) >= before - 1000, "occurred_at defaults to now");
    assert.match(incident.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    res = await app.call("GET", `${BASE}/${incident.id}`, { headers: admin });
    assert.deepEqual([res.status, res.body], [200, incident]);

    res = await app.call("PATCH", `${BASE}/${incident.id}`, {
      headers: admin,
      json: { status: 0, scheduled_at: "2026-12-01T08:00:00+02:00", occurred_at: "2026-11-30T10:00:00Z", visible: false },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(
      [res.body.status, res.body.status_name, res.body.scheduled_at, res.body.occurred_at, res.body.visible, res.body.name],
      [0, "Scheduled", "2026-12-01T06:00:00.000Z", "2026-11-30T10:00:00.000Z", false, "Database slow"],
    );

    res = await app.call("PUT", `${BASE}/${incident.id}`, { headers: admin, json: { name: "Database fixed", status: 4 } });
    assert.equal(res.status, 200);
    assert.deepEqual(
      [res.body.name, res.body.status_name, res.body.message, res.body.visible, res.body.scheduled_at, res.body.occurred_at],
      ["Database fixed", "Fixed", "", true, null, "2026-11-30T10:00:00.000Z"],
      "PUT resets omitted fields, keeping occurred_at",
    );

    res = await app.call("DELETE", `${BASE}/${incident.id}`, { headers: admin });
    assert.equal(res.status, 204);
    assert.equal((await app.call("GET", `${BASE}/${incident.id}`, { headers: admin })).status, 404);
  });

  test("creating with component_id and component_status sets the component's status", async () => {
    const component = await makeComponent(1);
    const incident = await makeIncident({ component_id: component.id, component_status: 3 });
    assert.deepEqual([incident.component_id, incident.component_status], [component.id, 3]);
    assert.equal(await componentStatus(component.id), 3);

    // Without component_status the component is left alone.
    const other = await makeComponent(2);
    await makeIncident({ component_id: other.id });
    assert.equal(await componentStatus(other.id), 2);

    // A PATCH that names a component status applies it too.
    const res = await app.call("PATCH", `${BASE}/${incident.id}`, { headers: admin, json: { component_status: 4 } });
    assert.equal(res.body.component_status, 4);
    assert.equal(await componentStatus(component.id), 4);
  });

  test("component_id must exist; component_status needs a component and a valid value", async () => {
    let res = await app.call("POST", BASE, { headers: admin, json: { name: "x", component_id: 999999 } });
    assert.deepEqual([res.status, res.body], [400, { detail: "Validation failed.", errors: { component_id: ["Component 999999 does not exist."] } }]);

    res = await app.call("POST", BASE, { headers: admin, json: { name: "x", component_status: 2 } });
    assert.equal(res.status, 400);
    assert.ok(res.body.errors.component_status);

    const component = await makeComponent();
    res = await app.call("POST", BASE, { headers: admin, json: { name: "x", component_id: component.id, component_status: 7 } });
    assert.equal(res.status, 400);
    assert.ok(res.body.errors.component_status);
    assert.equal(await componentStatus(component.id), 1, "a refused request changes nothing");

    const incident = await makeIncident({ component_id: component.id, component_status: 2 });
    res = await app.call("PATCH", `${BASE}/${incident.id}`, { headers: admin, json: { component_id: 999999 } });
    assert.equal(res.status, 400);
    assert.ok(res.body.errors.component_id);
    // Detaching the component drops its status with it.
    res = await app.call("PATCH", `${BASE}/${incident.id}`, { headers: admin, json: { component_id: null } });
    assert.deepEqual([res.status, res.body.component_id, res.body.component_status], [200, null, null]);
  });

  test("Cachet flow: posting an update moves the incident and its component", async () => {
    const { user, headers } = await tokenFor("Editor");
    const component = await makeComponent(1);
    const incident = await makeIncident({ component_id: component.id, component_status: 4, status: 1 });
    assert.equal(await componentStatus(component.id), 4);

    let res = await app.call("POST", `${BASE}/${incident.id}/updates`, {
      headers,
      json: { status: 2, message: "Found it: a full disk.", component_status: 3 },
    });
    assert.equal(res.status, 201, res.text);
    const update = res.body;
    IncidentUpdateOut.parse(update);
    assert.deepEqual(Object.keys(update).sort(), ["author_id", "created_at", "id", "incident_id", "message", "status", "status_name", "updated_at"]);
    assert.deepEqual(
      [update.incident_id, update.status, update.status_name, update.message, update.author_id],
      [incident.id, 2, "Identified", "Found it: a full disk.", user.id],
    );
    res = await app.call("GET", `${BASE}/${incident.id}`, { headers: admin });
    assert.deepEqual([res.body.status, res.body.status_name, res.body.component_status], [2, "Identified", 3]);
    assert.equal(await componentStatus(component.id), 3);

    // Without component_status only the incident moves.
    res = await app.call("POST", `${BASE}/${incident.id}/updates/`, { headers, json: { status: 4, message: "Fixed." } });
    assert.equal(res.status, 201);
    assert.equal((await app.call("GET", `${BASE}/${incident.id}`, { headers: admin })).body.status, 4);
    assert.equal(await componentStatus(component.id), 3);

    await app.call("POST", `${BASE}/${incident.id}/updates`, { headers, json: { status: 4, message: "All clear.", component_status: 1 } });
    assert.equal(await componentStatus(component.id), 1);

    // An incident without a component: the update moves the incident, component_status has nothing to move.
    const lone = await makeIncident();
    res = await app.call("POST", `${BASE}/${lone.id}/updates`, { headers, json: { status: 3, message: "Watching.", component_status: 2 } });
    assert.equal(res.status, 201);
    res = await app.call("GET", `${BASE}/${lone.id}`, { headers: admin });
    assert.deepEqual([res.body.status, res.body.component_id, res.body.component_status], [3, null, null]);
  });

  test("a refused update changes neither the incident nor its component", async () => {
    const component = await makeComponent(1);
    const incident = await makeIncident({ component_id: component.id, component_status: 2 });
    const res = await app.call("POST", `${BASE}/${incident.id}/updates`, { headers: admin, json: { status: 9, message: "x", component_status: 4 } });
    assert.equal(res.status, 400);
    assert.ok(res.body.errors.status);
    assert.equal(await componentStatus(component.id), 2);
    assert.equal((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).status, 1);
    assert.equal(await db.incidentUpdate.count({ where: { incidentId: incident.id } }), 0);
  });

  test("updates: list, read, PATCH, PUT, DELETE, and they belong to their incident", async () => {
    const incident = await makeIncident({ status: 1 });
    const ids: number[] = [];
    for (const [status, message] of [[1, "Looking."], [2, "Found."], [3, "Watching."]] as const) {
      const res = await app.call("POST", `${BASE}/${incident.id}/updates`, { headers: admin, json: { status, message } });
      ids.push(res.body.id);
    }
    let res = await app.call("GET", `${BASE}/${incident.id}/updates`, { headers: admin });
    assert.equal(res.status, 200);
    assert.equal(res.body.count, 3);
    assert.deepEqual(res.body.results.map((u: { id: number }) => u.id), [...ids].reverse(), "newest first");
    res = await app.call("GET", `${BASE}/${incident.id}/updates?ordering=id&limit=1&offset=1`, { headers: admin });
    assert.deepEqual(res.body.results.map((u: { id: number }) => u.id), [ids[1]]);
    assert.ok(res.body.next && res.body.previous);
    res = await app.call("GET", `${BASE}/${incident.id}/updates?status=2`, { headers: admin });
    assert.deepEqual(res.body.results.map((u: { id: number }) => u.id), [ids[1]]);

    res = await app.call("GET", `${BASE}/${incident.id}/updates/${ids[0]}`, { headers: admin });
    assert.deepEqual([res.status, res.body.message], [200, "Looking."]);

    // Fixing a typo in an old update leaves the incident alone; editing the latest one's status moves it.
    res = await app.call("PATCH", `${BASE}/${incident.id}/updates/${ids[0]}`, { headers: admin, json: { message: "Looking into it.", status: 0 } });
    assert.deepEqual([res.status, res.body.message, res.body.status], [200, "Looking into it.", 0]);
    assert.equal((await app.call("GET", `${BASE}/${incident.id}`, { headers: admin })).body.status, 3);
    res = await app.call("PATCH", `${BASE}/${incident.id}/updates/${ids[2]}`, { headers: admin, json: { status: 4 } });
    assert.equal(res.body.status_name, "Fixed");
    assert.equal((await app.call("GET", `${BASE}/${incident.id}`, { headers: admin })).body.status, 4);

    res = await app.call("PUT", `${BASE}/${incident.id}/updates/${ids[1]}`, { headers: admin, json: { status: 2, message: "Replaced." } });
    assert.deepEqual([res.status, res.body.message], [200, "Replaced."]);
    res = await app.call("PUT", `${BASE}/${incident.id}/updates/${ids[1]}`, { headers: admin, json: { message: "No status." } });
    assert.deepEqual([res.status, res.body.errors], [400, { status: ["This field is required."] }]);
    res = await app.call("PATCH", `${BASE}/${incident.id}/updates/${ids[1]}`, { headers: admin, json: { component_status: 2 } });
    assert.deepEqual(res.body.errors, { component_status: ["Unknown field."] });

    // Another incident's update is not reachable through this one.
    const other = await makeIncident();
    assert.equal((await app.call("GET", `${BASE}/${other.id}/updates/${ids[0]}`, { headers: admin })).status, 404);
    assert.equal((await app.call("DELETE", `${BASE}/${other.id}/updates/${ids[0]}`, { headers: admin })).status, 404);
    assert.equal((await app.call("GET", `${BASE}/999999/updates`, { headers: admin })).status, 404);
    assert.equal((await app.call("POST", `${BASE}/999999/updates`, { headers: admin, json: { status: 1, message: "x" } })).status, 404);

    res = await app.call("DELETE", `${BASE}/${incident.id}/updates/${ids[0]}`, { headers: admin });
    assert.equal(res.status, 204);
    assert.equal((await app.call("GET", `${BASE}/${incident.id}/updates/${ids[0]}`, { headers: admin })).status, 404);

    // Deleting the incident deletes its updates.
    assert.equal((await app.call("DELETE", `${BASE}/${incident.id}`, { headers: admin })).status, 204);
    assert.equal(await db.incidentUpdate.count({ where: { incidentId: incident.id } }), 0);
  });

  test("updates: message and status are required, message bounded", async () => {
    const incident = await makeIncident();
    const path = `${BASE}/${incident.id}/updates`;
    let res = await app.call("POST", path, { headers: admin, json: {} });
    assert.deepEqual(res.body.errors, { status: ["This field is required."], message: ["This field is required."] });
    res = await app.call("POST", path, { headers: admin, json: { status: 1, message: "   " } });
    assert.deepEqual(res.body.errors, { message: ["This field may not be blank."] });
    res = await app.call("POST", path, { headers: admin, json: { status: 1, message: "x".repeat(100_001) } });
    assert.deepEqual(res.body.errors, { message: ["Ensure this field has no more than 100000 characters."] });
    res = await app.call("POST", path, { headers: admin, json: { status: 1, message: "x", author_id: 1 } });
    assert.deepEqual(res.body.errors, { author_id: ["Unknown field."] });
  });

  test("anonymous readers see visible incidents only; hidden ones and their updates are 404", async () => {
    const tag = `vis${Date.now().toString(36)}`;
    const shown = await makeIncident({ name: `${tag} shown` });
    const hidden = await makeIncident({ name: `${tag} hidden`, visible: false });
    const update = (await app.call("POST", `${BASE}/${hidden.id}/updates`, { headers: admin, json: { status: 2, message: "x" } })).body;

    let res = await app.call("GET", `${BASE}?q=${tag}`);
    assert.deepEqual([res.status, res.body.count, res.body.results.map((i: { id: number }) => i.id)], [200, 1, [shown.id]]);
    assert.equal((await app.call("GET", `${BASE}?q=${tag}&visible=false`)).body.count, 0);
    assert.equal((await app.call("GET", `${BASE}/${shown.id}`)).status, 200);
    assert.equal((await app.call("GET", `${BASE}/${shown.id}/updates`)).status, 200);
    for (const path of [`${BASE}/${hidden.id}`, `${BASE}/${hidden.id}/updates`, `${BASE}/${hidden.id}/updates/${update.id}`]) {
      res = await app.call("GET", path);
      assert.deepEqual([res.status, res.body], [404, { detail: "Not found." }], path);
    }
    await setPublicRole("Admin");
    try {
      assert.equal((await app.call("GET", `${BASE}/${hidden.id}`)).status, 404);
      assert.equal((await app.call("POST", `${BASE}/${shown.id}/updates`, { json: { status: 4, message: "x" } })).status, 401);
    } finally {
      await setPublicRole("Public");
    }
    const { headers } = await tokenFor("Viewer");
    assert.equal((await app.call("GET", `${BASE}/${hidden.id}/updates/${update.id}`, { headers })).status, 200);
    assert.equal((await app.call("GET", `${BASE}?q=${tag}`, { headers })).body.count, 2);
  });

  test("permissions: anonymous, read-only token, Viewer, Editor, Admin", async () => {
    const incident = await makeIncident();
    const targets: [string, string, unknown][] = [
      ["POST", BASE, { name: "x" }],
      ["PATCH", `${BASE}/${incident.id}`, { name: "y" }],
      ["PUT", `${BASE}/${incident.id}`, { name: "y" }],
      ["POST", `${BASE}/${incident.id}/updates`, { status: 2, message: "m" }],
    ];
    for (const [method, path, json] of targets) {
      const res = await app.call(method, path, { json });
      assert.deepEqual([res.status, res.body], [401, { detail: "Authentication credentials were not provided." }], `anonymous ${method} ${path}`);
    }
    const readOnly = (await tokenFor("Editor", { writeEnabled: false })).headers;
    assert.equal((await app.call("GET", `${BASE}/${incident.id}/updates`, { headers: readOnly })).status, 200);
    for (const [method, path, json] of targets) {
      const res = await app.call(method, path, { headers: readOnly, json });
      assert.deepEqual([res.status, res.body], [403, { detail: "This token does not permit write operations." }]);
    }
    const viewer = (await tokenFor("Viewer")).headers;
    assert.equal((await app.call("GET", BASE, { headers: viewer })).status, 200);
    for (const [method, path, json] of targets) {
      const res = await app.call(method, path, { headers: viewer, json });
      assert.deepEqual([res.status, res.body], [403, { detail: "You do not have permission to perform this action." }]);
    }
    assert.equal((await app.call("DELETE", `${BASE}/${incident.id}`, { headers: viewer })).status, 403);
    for (const role of ["Editor", "Admin"]) {
      const { headers } = await tokenFor(role);
      for (const [method, path, json] of targets) {
        const res = await app.call(method, path, { headers, json });
        assert.ok(res.status === 200 || res.status === 201, `${role} ${method} ${path}: ${res.status}`);
      }
    }
    const editor = (await tokenFor("Editor")).headers;
    assert.equal((await app.call("DELETE", `${BASE}/${incident.id}`, { headers: editor })).status, 204);
  });

  test("filters, search, ordering and pagination", async () => {
    const tag = `flt${Date.now().toString(36)}`;
    const component = await makeComponent();
    const a = await makeIncident({ name: `${tag} Alpha`, status: 1, occurred_at: "2026-01-01T00:00:00Z" });
    const b = await makeIncident({ name: `${tag} Bravo`, status: 4, occurred_at: "2026-03-01T00:00:00Z", component_id: component.id });
    const c = await makeIncident({ name: `${tag} Charlie`, status: 4, occurred_at: "2026-02-01T00:00:00Z", message: "the flux capacitor" });
    const ids = async (query: string) => {
      const res = await app.call("GET", `${BASE}?${query}`, { headers: admin });
      assert.equal(res.status, 200, `${query}: ${res.text}`);
      return res.body.results.map((i: { id: number }) => i.id);
    };
    assert.deepEqual(await ids(`q=${tag}`), [b.id, c.id, a.id], "default ordering: newest occurred_at first");
    assert.deepEqual(await ids(`q=${tag.toUpperCase()}&ordering=name`), [a.id, b.id, c.id], "q ignores case in names");
    assert.deepEqual(await ids(`q=${tag}&ordering=-name`), [c.id, b.id, a.id]);
    assert.deepEqual(await ids(`q=${tag}&ordering=occurred_at`), [a.id, c.id, b.id]);
    assert.deepEqual(await ids(`q=${tag}&status=4&ordering=id`), [b.id, c.id]);
    assert.deepEqual(await ids(`q=${tag}&component_id=${component.id}`), [b.id]);
    assert.deepEqual(await ids(`q=flux capacitor`), [c.id], "q searches messages too");
    assert.deepEqual(await ids(`q=${tag}&ordering=status,-id`), [a.id, c.id, b.id]);

    let res = await app.call("GET", `${BASE}?q=${tag}&limit=2`, { headers: admin });
    assert.deepEqual([res.body.count, res.body.results.length, res.body.previous], [3, 2, null]);
    res = await app.call("GET", res.body.next, { headers: admin });
    assert.deepEqual([res.body.results.map((i: { id: number }) => i.id), res.body.next], [[a.id], null]);
    res = await app.call("GET", `${BASE}?q=${tag}&offset=3`, { headers: admin });
    assert.deepEqual([res.body.results, res.body.next], [[], null]);
    res = await app.call("GET", `${BASE}?q=${tag}&limit=0&offset=1`, { headers: admin });
    assert.equal(res.body.results.length, 2);
    assert.match(res.body.previous, /limit=1000/);
    res = await app.call("GET", `${BASE}?q=${tag}&limit=1001&offset=1`, { headers: admin });
    assert.match(res.body.previous, /limit=1000/);
    for (const query of ["limit=-1", "limit=abc"]) {
      res = await app.call("GET", `${BASE}?${query}`, { headers: admin });
      assert.deepEqual([res.status, Object.keys(res.body.errors)], [400, ["limit"]]);
    }
    for (const query of ["status=5", "status=x", "visible=maybe", "ordering=message", "component_id=one"]) {
      res = await app.call("GET", `${BASE}?${query}`, { headers: admin });
      assert.equal(res.status, 400, query);
      assert.equal(Object.keys(res.body.errors)[0], query.split("=")[0]);
    }
  });

  test("validation: enums, dates, lengths, unknown fields, bodies", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "x", status: 5 }, "status"],
      [{ name: "x", status: "fixed" }, "status"],
      [{ name: "x", component_status: 0 }, "component_status"],
      [{ name: "x", occurred_at: "yesterday" }, "occurred_at"],
      [{ name: "x", scheduled_at: "2026-13-01T00:00:00Z" }, "scheduled_at"],
      [{ name: "x", occurred_at: "2026-11-22" }, "occurred_at"],
      [{ name: "x", message: "m".repeat(100_001) }, "message"],
      [{ name: "n".repeat(256) }, "name"],
      [{ message: "no name" }, "name"],
      [{ name: "x", visible: 1 }, "visible"],
      [{ name: "x", component_id: "3" }, "component_id"],
      [{ name: "x", severity: 3 }, "severity"],
    ];
    for (const [json, field] of cases) {
      const res = await app.call("POST", BASE, { headers: admin, json });
      assert.equal(res.status, 400, JSON.stringify(json));
      assert.equal(res.body.detail, "Validation failed.");
      assert.deepEqual(Object.keys(res.body.errors), [field], JSON.stringify(res.body));
    }
    let res = await app.call("POST", BASE, { headers: { ...admin, "Content-Type": "application/json" }, body: "{name: 'x'}" });
    assert.deepEqual([res.status, res.body], [400, { detail: "JSON parse error." }]);
    res = await app.call("POST", BASE, { headers: { ...admin, "Content-Type": "text/plain" }, body: '{"name":"x"}' });
    assert.equal(res.status, 415);
    res = await app.call("POST", BASE, { headers: admin, json: { name: "x", message: "m".repeat(1024 * 1024 + 1) } });
    assert.deepEqual([res.status, res.body], [413, { detail: "Request body exceeds 1 MiB." }]);
    const incident = await makeIncident();
    res = await app.call("POST", `${BASE}/${incident.id}/updates`, { headers: { ...admin, "Content-Type": "application/json" }, body: "[" });
    assert.deepEqual([res.status, res.body], [400, { detail: "JSON parse error." }]);
  });
});
