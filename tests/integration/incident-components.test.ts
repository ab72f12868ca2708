// Affected components of an incident: `components: [{id, status}]` on incidents and on updates posted,
// validated before anything is written, each component moved in the same transaction, listed in the
// output with Cachet's single component_id reflected, and filtered on.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { db } from "../../lib/db.ts";
import { IncidentOut } from "../../lib/validation/incidents.ts";

let app: TestApp;
let admin: Record<string, string>;
const BASE = "/api/v1/incidents";

async function makeComponent(fields: Record<string, unknown> = {}) {
  const res = await app.call("POST", "/api/v1/components", { headers: admin, json: { name: `Affected ${Math.random().toString(36).slice(2, 8)}`, ...fields } });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: number; name: string };
}

const statusOf = async (id: number) => (await db.component.findUniqueOrThrow({ where: { id } })).status;
const brief = (list: { id: number; status: number }[]) => list.map((c) => [c.id, c.status]);

describeDb("incident affected components", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("create with components moves each one and lists them with names and status names", async () => {
    const a = await makeComponent();
    const b = await makeComponent();
    const res = await app.call("POST", BASE, { headers: admin, json: { name: "Two down", components: [{ id: b.id, status: 4 }, { id: a.id, status: 3 }] } });
    assert.equal(res.status, 201, res.text);
    IncidentOut.parse(res.body);
    assert.deepEqual(res.body.components, [
      { id: a.id, name: a.name, status: 3, status_name: "Partial outage" },
      { id: b.id, name: b.name, status: 4, status_name: "Major outage" },
    ]);
    assert.equal(await statusOf(a.id), 3);
    assert.equal(await statusOf(b.id), 4);
    const read = await app.call("GET", `${BASE}/${res.body.id}`, { headers: admin });
    assert.deepEqual(read.body.components, res.body.components);
  });

  test("Cachet's component_id + component_status keep working and are reflected in the list", async () => {
    const c = await makeComponent();
    const res = await app.call("POST", BASE, { headers: admin, json: { name: "Cachet style", component_id: c.id, component_status: 2 } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.component_id, c.id);
    assert.equal(res.body.component_status, 2);
    assert.deepEqual(brief(res.body.components), [[c.id, 2]]);
    assert.equal(await statusOf(c.id), 2);

    const update = await app.call("POST", `${BASE}/${res.body.id}/updates`, { headers: admin, json: { status: 4, message: "Fixed", component_status: 1 } });
    assert.equal(update.status, 201, update.text);
    assert.equal(await statusOf(c.id), 1);
    const after = await app.call("GET", `${BASE}/${res.body.id}`, { headers: admin });
    assert.deepEqual(brief(after.body.components), [[c.id, 1]]);
    assert.equal(after.body.component_status, 1);

    // component_id alone links the component at its current status, without moving it.
    const plain = await makeComponent({ status: 3 });
    const linked = await app.call("POST", BASE, { headers: admin, json: { name: "Linked only", component_id: plain.id } });
    assert.deepEqual(brief(linked.body.components), [[plain.id, 3]]);
  });

  test("an update posted with components moves them and adds them to the list", async () => {
    const a = await makeComponent();
    const b = await makeComponent();
    const incident = (await app.call("POST", BASE, { headers: admin, json: { name: "Growing", components: [{ id: a.id, status: 2 }] } })).body;
    const res = await app.call("POST", `${BASE}/${incident.id}/updates`, {
      headers: admin,
      json: { status: 2, message: "Spreading", components: [{ id: a.id, status: 4 }, { id: b.id, status: 3 }] },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(await statusOf(a.id), 4);
    assert.equal(await statusOf(b.id), 3);
    const after = await app.call("GET", `${BASE}/${incident.id}`, { headers: admin });
    assert.deepEqual(brief(after.body.components), [[a.id, 4], [b.id, 3]]);
    assert.equal(after.body.status, 2);
  });

  test("PATCH with components replaces the set; PUT without them clears it; components left keep their status", async () => {
    const a = await makeComponent();
    const b = await makeComponent();
    const incident = (await app.call("POST", BASE, { headers: admin, json: { name: "Replace", components: [{ id: a.id, status: 3 }] } })).body;
    const patched = await app.call("PATCH", `${BASE}/${incident.id}`, { headers: admin, json: { components: [{ id: b.id, status: 2 }] } });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(brief(patched.body.components), [[b.id, 2]]);
    assert.equal(await statusOf(a.id), 3, "a component leaving the list keeps its status");
    assert.equal(await statusOf(b.id), 2);
    const renamed = await app.call("PATCH", `${BASE}/${incident.id}`, { headers: admin, json: { name: "Renamed" } });
    assert.deepEqual(brief(renamed.body.components), [[b.id, 2]], "a PATCH without components leaves them");
    const put = await app.call("PUT", `${BASE}/${incident.id}`, { headers: admin, json: { name: "Put" } });
    assert.deepEqual(put.body.components, []);
  });

  test("validation: unknown components, duplicates, bad statuses, all reported, and nothing written", async () => {
    const a = await makeComponent();
    const before = await db.incident.count();
    const bad = await app.call("POST", BASE, {
      headers: admin,
      json: { name: "Bad", components: [{ id: a.id, status: 5 }, { id: a.id, status: 2 }, { id: 1_999_999_999, status: 2 }, { id: a.id }] },
    });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.detail, "Validation failed.");
    assert.ok(bad.body.errors["components.0.status"], bad.text);
    assert.ok(bad.body.errors["components.1.id"] || bad.body.errors["components.3.id"], bad.text);
    assert.ok(bad.body.errors["components.3.status"], bad.text);

    const unknown = await app.call("POST", BASE, { headers: admin, json: { name: "Unknown", components: [{ id: a.id, status: 4 }, { id: 1_999_999_999, status: 2 }] } });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body.errors, { "components.1.id": ["Component 1999999999 does not exist."] });
    assert.equal(await statusOf(a.id), 1, "a refused incident moves no component");
    assert.equal(await db.incident.count(), before);

    const notList = await app.call("POST", BASE, { headers: admin, json: { name: "Not a list", components: { id: a.id } } });
    assert.ok(notList.body.errors.components, notList.text);

    const conflicting = await app.call("POST", BASE, { headers: admin, json: { name: "Both", component_id: a.id, component_status: 4, components: [{ id: a.id, status: 2 }] } });
    assert.equal(conflicting.status, 400);
    assert.ok(conflicting.body.errors.component_status, conflicting.text);

    const incident = (await app.call("POST", BASE, { headers: admin, json: { name: "Updatable" } })).body;
    const badUpdate = await app.call("POST", `${BASE}/${incident.id}/updates`, { headers: admin, json: { status: 2, message: "x", components: [{ id: 1_999_999_999, status: 2 }] } });
    assert.equal(badUpdate.status, 400);
    assert.equal((await db.incidentUpdate.count({ where: { incidentId: incident.id } })), 0, "a refused update is not recorded");
  });

  test("?component_id= finds incidents by either kind of link; anonymous readers do not see disabled components", async () => {
    const shown = await makeComponent();
    const hidden = await makeComponent({ enabled: false });
    const viaList = (await app.call("POST", BASE, { headers: admin, json: { name: "Via list", components: [{ id: shown.id, status: 2 }, { id: hidden.id, status: 2 }] } })).body;
    const viaId = (await app.call("POST", BASE, { headers: admin, json: { name: "Via id", component_id: shown.id } })).body;
    const found = await app.call("GET", `${BASE}?component_id=${shown.id}`, { headers: admin });
    assert.deepEqual(found.body.results.map((i: { id: number }) => i.id).sort(), [viaList.id, viaId.id].sort());
    const anonymous = await app.call("GET", `${BASE}/${viaList.id}`);
    assert.deepEqual(anonymous.body.components.map((c: { id: number }) => c.id), [shown.id]);
    const signedIn = await app.call("GET", `${BASE}/${viaList.id}`, { headers: admin });
    assert.equal(signedIn.body.components.length, 2);
  });

  test("deleting a component takes it off its incidents' lists", async () => {
    const c = await makeComponent();
    const incident = (await app.call("POST", BASE, { headers: admin, json: { name: "Loses one", components: [{ id: c.id, status: 3 }] } })).body;
    assert.equal((await app.call("DELETE", `/api/v1/components/${c.id}`, { headers: admin })).status, 204);
    assert.deepEqual((await app.call("GET", `${BASE}/${incident.id}`, { headers: admin })).body.components, []);
  });
});
