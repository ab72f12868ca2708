// Visibility written once per model: the anonymous REST API, anonymous GraphQL and the public status
// page show exactly the same components, groups and incidents (API.md §4), and the domain's updates
// and deletes go through the same `where`, so an object the principal may not see is a 404 there too.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { setPublicRole } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";
import { mapError } from "../../lib/api/map-error.ts";
import type { Principal } from "../../lib/auth/principal.ts";
import { statusPage } from "../../lib/status/index.ts";
import { deleteComponent, updateComponent } from "../../lib/components/index.ts";
import { deleteGroup, updateGroup } from "../../lib/groups/index.ts";
import { deleteIncident, deleteIncidentUpdate, updateIncident, updateIncidentUpdate } from "../../lib/incidents/index.ts";
import { deletePage, updatePage } from "../../lib/pages/index.ts";

let app: TestApp;
let admin: Record<string, string>;
const tag = `vis${randomBytes(3).toString("hex")}`;
const ANONYMOUS: Principal = { user: null, method: null, token: null, permissions: new Set(), ip: "192.0.2.1" };

let ids: Record<string, number>;

async function post(path: string, json: Record<string, unknown>) {
  const res = await app.call("POST", path, { headers: admin, json });
  assert.equal(res.status, 201, res.text);
  return res.body.id as number;
}

const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
const gql = (query: string) => app.call("POST", "/api/graphql", { json: { query } });

async function assertNotFound(promise: Promise<unknown>) {
  const err = await promise.then(() => null, (e: unknown) => e);
  assert.ok(err, "expected the call to fail");
  assert.deepEqual([mapError(err).status, mapError(err).detail], [404, "Not found."]);
}

describeDb("visibility once per model", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
    // Even a public role that reads everything it may does not widen what anonymous requests see.
    await setPublicRole("Viewer");
    const shown = await post("/api/v1/components/groups", { name: `${tag} shown group` });
    const hidden = await post("/api/v1/components/groups", { name: `${tag} hidden group`, visible: false });
    ids = {
      shown,
      hidden,
      ungrouped: await post("/api/v1/components", { name: `${tag} ungrouped`, status: 2 }),
      disabled: await post("/api/v1/components", { name: `${tag} disabled`, enabled: false, status: 4 }),
      inShown: await post("/api/v1/components", { name: `${tag} in shown`, group_id: shown }),
      inHidden: await post("/api/v1/components", { name: `${tag} in hidden`, group_id: hidden, status: 3 }),
      disabledInShown: await post("/api/v1/components", { name: `${tag} disabled in shown`, group_id: shown, enabled: false }),
      incident: await post("/api/v1/incidents", { name: `${tag} public incident` }),
      hiddenIncident: await post("/api/v1/incidents", { name: `${tag} hidden incident`, visible: false }),
      published: await post("/api/v1/pages", { title: `${tag} published`, slug: `${tag}-published`, published: true }),
      draft: await post("/api/v1/pages", { title: `${tag} draft`, slug: `${tag}-draft` }),
    };
    ids.hiddenUpdate = await post(`/api/v1/incidents/${ids.hiddenIncident}/updates`, { status: 2, message: "hidden progress" });
  });

  test("components: the anonymous API, anonymous GraphQL and the status page list the same ones", async () => {
    const expected = sorted([ids.ungrouped, ids.inShown]);
    const rest = await app.call("GET", `/api/v1/components?q=${tag}`);
    assert.deepEqual(sorted(rest.body.results.map((c: { id: number }) => c.id)), expected);
    const graph = await gql(`{ components(q: "${tag}") { results { id } } }`);
    assert.deepEqual(sorted(graph.body.data.components.results.map((c: { id: number }) => c.id)), expected);
    const status = await statusPage();
    const onPage = [...status.groups.flatMap((g) => g.components), ...status.ungrouped].filter((c) => c.name.startsWith(tag));
    assert.deepEqual(sorted(onPage.map((c) => c.id)), expected);
    for (const id of [ids.disabled, ids.inHidden, ids.disabledInShown]) {
      assert.equal((await app.call("GET", `/api/v1/components/${id}`)).status, 404);
      assert.equal((await gql(`{ component(id: ${id}) { id } }`)).body.errors[0].extensions.code, "NOT_FOUND");
    }
  });

  test("groups and incidents: the same on the API and the status page", async () => {
    const groups = await app.call("GET", `/api/v1/components/groups?q=${tag}`);
    assert.deepEqual(groups.body.results.map((g: { id: number }) => g.id), [ids.shown]);
    const status = await statusPage();
    assert.deepEqual(status.groups.filter((g) => g.name.startsWith(tag)).map((g) => g.id), [ids.shown]);
    const incidents = await app.call("GET", `/api/v1/incidents?q=${tag}`);
    assert.deepEqual(incidents.body.results.map((i: { id: number }) => i.id), [ids.incident]);
    assert.deepEqual(status.activeIncidents.filter((i) => i.name.startsWith(tag)).map((i) => i.id), [ids.incident]);
    assert.equal((await app.call("GET", `/api/v1/incidents/${ids.hiddenIncident}/updates`)).status, 404);
    assert.equal((await app.call("GET", `/api/v1/incidents/${ids.hiddenIncident}/updates/${ids.hiddenUpdate}`)).status, 404);
    const graph = await gql(`{ incidents(q: "${tag}") { results { id updates { id } } } }`);
    assert.deepEqual(graph.body.data.incidents.results, [{ id: ids.incident, updates: [] }]);
  });

  test("pages by id and by slug: a draft is NOT_FOUND to anonymous GraphQL, as on REST", async () => {
    assert.equal((await app.call("GET", `/api/v1/pages/${ids.draft}`)).status, 404);
    assert.equal((await gql(`{ page(slug: "${tag}-draft") { id } }`)).body.errors[0].extensions.code, "NOT_FOUND");
    assert.deepEqual((await gql(`{ page(slug: "${tag.toUpperCase()}-PUBLISHED ") { id } }`)).body.data, { page: { id: ids.published } });
  });

  test("updates and deletes use the same where: what the principal cannot see is a 404 and stays as it was", async () => {
    await assertNotFound(updateComponent(ANONYMOUS, ids.inHidden, { name: "renamed" }));
    await assertNotFound(updateComponent(ANONYMOUS, ids.disabled, { group_id: ids.shown }));
    await assertNotFound(deleteComponent(ANONYMOUS, ids.disabled));
    await assertNotFound(updateGroup(ANONYMOUS, ids.hidden, { name: "renamed" }));
    await assertNotFound(deleteGroup(ANONYMOUS, ids.hidden));
    await assertNotFound(updateIncident(ANONYMOUS, ids.hiddenIncident, { name: "renamed" }));
    await assertNotFound(updateIncidentUpdate(ANONYMOUS, ids.hiddenIncident, ids.hiddenUpdate, { message: "changed" }));
    await assertNotFound(deleteIncidentUpdate(ANONYMOUS, ids.hiddenIncident, ids.hiddenUpdate));
    await assertNotFound(deleteIncident(ANONYMOUS, ids.hiddenIncident));
    await assertNotFound(updatePage(ANONYMOUS, ids.draft, { title: "renamed" }));
    await assertNotFound(deletePage(ANONYMOUS, ids.draft));
    assert.equal((await db.component.findUniqueOrThrow({ where: { id: ids.inHidden } })).name, `${tag} in hidden`);
    assert.ok(await db.component.findUnique({ where: { id: ids.disabled } }));
    assert.equal((await db.componentGroup.findUniqueOrThrow({ where: { id: ids.hidden } })).name, `${tag} hidden group`);
    assert.equal((await db.incident.findUniqueOrThrow({ where: { id: ids.hiddenIncident } })).name, `${tag} hidden incident`);
    assert.equal((await db.incidentUpdate.findUniqueOrThrow({ where: { id: ids.hiddenUpdate } })).message, "hidden progress");
    assert.equal((await db.page.findUniqueOrThrow({ where: { id: ids.draft } })).title, `${tag} draft`);
    // Visible objects of the same kinds are found by the same functions.
    const renamed = await updateComponent(ANONYMOUS, ids.ungrouped, { description: "seen" });
    assert.equal(renamed.description, "seen");
  });

  test("an update of another incident's update is a 404, whoever asks", async () => {
    const res = await app.call("PATCH", `/api/v1/incidents/${ids.incident}/updates/${ids.hiddenUpdate}`, { headers: admin, json: { message: "x" } });
    assert.deepEqual([res.status, res.body], [404, { detail: "Not found." }]);
    const del = await app.call("DELETE", `/api/v1/incidents/${ids.incident}/updates/${ids.hiddenUpdate}`, { headers: admin });
    assert.deepEqual([del.status, del.body], [404, { detail: "Not found." }]);
  });
});
