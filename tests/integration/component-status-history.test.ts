// The component status history: every path that changes a component's status (component create/PUT/PATCH,
// incident create/update, an update posted, GraphQL's mutations) writes one row, in the same transaction,
// from the status before to the status after; a write that changes nothing writes none; concurrent moves chain.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { db } from "../../lib/db.ts";

let app: TestApp;
let admin: Record<string, string>;

async function makeComponent(fields: Record<string, unknown> = {}) {
  const res = await app.call("POST", "/api/v1/components", { headers: admin, json: { name: `History ${Math.random().toString(36).slice(2, 8)}`, ...fields } });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: number };
}

const history = async (componentId: number) =>
  (await db.componentStatusChange.findMany({ where: { componentId }, orderBy: { id: "asc" } })).map((c) => [c.fromStatus, c.toStatus]);

const gql = (query: string, variables: Record<string, unknown>) => app.call("POST", "/api/graphql", { headers: admin, json: { query, variables } });

describeDb("component status history", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("component create, PATCH and PUT each record a change; an unchanged status records none", async () => {
    const c = await makeComponent({ status: 2 });
    assert.deepEqual(await history(c.id), [[null, 2]]);
    await app.call("PATCH", `/api/v1/components/${c.id}`, { headers: admin, json: { status: 4 } });
    await app.call("PATCH", `/api/v1/components/${c.id}`, { headers: admin, json: { status: 4, name: "Same status" } });
    await app.call("PATCH", `/api/v1/components/${c.id}`, { headers: admin, json: { description: "no status" } });
    const put = await app.call("PUT", `/api/v1/components/${c.id}`, { headers: admin, json: { name: "Put back" } });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.status, 1, "PUT's default status");
    assert.equal(put.body.name, "Put back");
    assert.deepEqual(await history(c.id), [[null, 2], [2, 4], [4, 1]]);
    const rows = await db.componentStatusChange.findMany({ where: { componentId: c.id } });
    const component = await db.component.findUniqueOrThrow({ where: { id: c.id } });
    assert.ok(Math.abs(rows.at(-1)!.changedAt.getTime() - component.updatedAt.getTime()) < 5000, "the change carries the write's time");
  });

  test("incident create and update, and an update posted, record their moves", async () => {
    const a = await makeComponent();
    const b = await makeComponent();
    const incident = (await app.call("POST", "/api/v1/incidents", { headers: admin, json: { name: "H", component_id: a.id, component_status: 3, components: [{ id: b.id, status: 2 }] } })).body;
    await app.call("PATCH", `/api/v1/incidents/${incident.id}`, { headers: admin, json: { component_status: 4 } });
    await app.call("POST", `/api/v1/incidents/${incident.id}/updates`, { headers: admin, json: { status: 4, message: "ok", component_status: 1, components: [{ id: b.id, status: 1 }] } });
    assert.deepEqual(await history(a.id), [[null, 1], [1, 3], [3, 4], [4, 1]]);
    assert.deepEqual(await history(b.id), [[null, 1], [1, 2], [2, 1]]);
  });

  test("GraphQL's mutations go through the same domain functions", async () => {
    const created = await gql(`mutation($input: ComponentInput!) { createComponent(input: $input) { id } }`, { input: { name: "GQL history", status: 3 } });
    const id = created.body.data.createComponent.id;
    await gql(`mutation($id: Int!, $input: ComponentPatch!) { updateComponent(id: $id, input: $input) { id } }`, { id, input: { status: 1 } });
    const incident = await gql(`mutation($input: IncidentInput!) { createIncident(input: $input) { id components { id status statusName } } }`, {
      input: { name: "GQL incident", components: [{ id, status: 4 }] },
    });
    assert.deepEqual(incident.body.data.createIncident.components, [{ id, status: 4, statusName: "Major outage" }], incident.text);
    await gql(`mutation($incidentId: Int!, $input: IncidentUpdateInput!) { postIncidentUpdate(incidentId: $incidentId, input: $input) { id } }`, {
      incidentId: incident.body.data.createIncident.id,
      input: { status: 4, message: "done", components: [{ id, status: 1 }] },
    });
    assert.deepEqual(await history(id), [[null, 3], [3, 1], [1, 4], [4, 1]]);
  });

  test("a refused write records nothing", async () => {
    const c = await makeComponent();
    const res = await app.call("PATCH", `/api/v1/components/${c.id}`, { headers: admin, json: { status: 4, group_id: 1_999_999_999 } });
    assert.equal(res.status, 400);
    assert.deepEqual(await history(c.id), [[null, 1]]);
    assert.equal((await db.component.findUniqueOrThrow({ where: { id: c.id } })).status, 1);
  });

  test("concurrent moves of one component chain: each change starts where the previous ended", async () => {
    const c = await makeComponent();
    const statuses = [2, 3, 4, 1, 3, 2, 4, 1, 2, 3];
    const results = await Promise.all(statuses.map((status) => app.call("PATCH", `/api/v1/components/${c.id}`, { headers: admin, json: { status } })));
    assert.ok(results.every((r) => r.status === 200), results.map((r) => r.text).join("\n"));
    const rows = await db.componentStatusChange.findMany({ where: { componentId: c.id }, orderBy: { id: "asc" } });
    for (let i = 1; i < rows.length; i++) {
      assert.equal(rows[i].fromStatus, rows[i - 1].toStatus, `row ${i} starts where row ${i - 1} ended`);
      assert.notEqual(rows[i].fromStatus, rows[i].toStatus);
    }
    assert.equal(rows.at(-1)!.toStatus, (await db.component.findUniqueOrThrow({ where: { id: c.id } })).status);
  });
});
