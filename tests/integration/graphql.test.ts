// /api/graphql: the same credentials and rules as REST (API.md §1), through the same wrapper.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { getIntrospectionQuery } from "graphql";
import { ORIGIN, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser, setPublicRole } from "../helpers/fixtures.ts";
import { sessionCookie } from "../helpers/session.ts";
import { generateKey } from "../../lib/auth/keys.ts";

let app: TestApp;
let admin: Record<string, string>;

const URL_ = "/api/graphql";

function gql(query: string, options: { headers?: Record<string, string>; variables?: Record<string, unknown>; operationName?: string } = {}) {
  return app.call("POST", URL_, { headers: options.headers, json: { query, ...(options.variables ? { variables: options.variables } : {}), ...(options.operationName ? { operationName: options.operationName } : {}) } });
}

async function tokenFor(role: string, options: { writeEnabled?: boolean } = {}) {
  const user = await seedUser({ role });
  const { key } = await seedToken(user.id, options);
  return { user, headers: tokenHeader(key) };
}

async function makeComponent(json: Record<string, unknown>) {
  const res = await app.call("POST", "/api/v1/components", { headers: admin, json });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: number; name: string };
}

const CREATE = `mutation Create($input: ComponentInput!) { createComponent(input: $input) { id name status statusName groupId enabled } }`;

describeDb("graphql", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("anonymous: components lists enabled ones only, a disabled one is NOT_FOUND, me is null", async () => {
    const enabled = await makeComponent({ name: "GQL public", status: 2 });
    const disabled = await makeComponent({ name: "GQL hidden", enabled: false });
    const res = await gql(`{ me { user { id } } components(limit: 1000, q: "GQL") { count results { id name statusName enabled createdAt } } }`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.errors, undefined);
    assert.equal(res.body.data.me, null);
    const ids = res.body.data.components.results.map((c: { id: number }) => c.id);
    assert.ok(ids.includes(enabled.id));
    assert.ok(!ids.includes(disabled.id), "a disabled component is invisible to anonymous callers");
    assert.ok(res.body.data.components.results.every((c: { enabled: boolean }) => c.enabled));
    assert.equal(res.body.data.components.results.find((c: { id: number }) => c.id === enabled.id).statusName, "Performance issues");

    const one = await gql(`query($id: Int!) { component(id: $id) { id } }`, { variables: { id: disabled.id } });
    assert.equal(one.status, 200);
    assert.equal(one.body.data, null);
    assert.deepEqual(one.body.errors.map((e: { message: string; extensions: { code: string } }) => [e.message, e.extensions.code]), [["Not found.", "NOT_FOUND"]]);
    assert.deepEqual(one.body.errors[0].path, ["component"]);

    const viewer = await tokenFor("Viewer");
    const seen = await gql(`query($id: Int!) { component(id: $id) { id enabled } }`, { headers: viewer.headers, variables: { id: disabled.id } });
    assert.deepEqual(seen.body.data.component, { id: disabled.id, enabled: false }, "a signed-in reader sees it, as over REST");
  });

  test("me with a token: the describeSelf shape; GET serves queries too", async () => {
    const { user, headers } = await tokenFor("Viewer", { writeEnabled: false });
    const res = await gql(`{ me { user { id email role } authentication token { writeEnabled } permissions } }`, { headers });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data.me.user, { id: user.id, email: user.email, role: "Viewer" });
    assert.equal(res.body.data.me.authentication, "token");
    assert.equal(res.body.data.me.token.writeEnabled, false);
    assert.ok(res.body.data.me.permissions.includes("components:read"));
    assert.ok(!res.body.data.me.permissions.includes("components:write"));
    const viaGet = await app.call("GET", `${URL_}?query=${encodeURIComponent("{ me { user { email } } }")}`, { headers });
    assert.deepEqual([viaGet.status, viaGet.body], [200, { data: { me: { user: { email: user.email } } } }]);
  });

  test("mutations: an Editor creates, updates and deletes; incidents and updates nest", async () => {
    const { headers } = await tokenFor("Editor");
    const created = await gql(CREATE, { headers, variables: { input: { name: "GQL made", status: 3 } } });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.body.errors, undefined, created.text);
    const c = created.body.data.createComponent;
    assert.deepEqual({ ...c, id: 0 }, { id: 0, name: "GQL made", status: 3, statusName: "Partial outage", groupId: null, enabled: true });
    const rest = await app.call("GET", `/api/v1/components/${c.id}`);
    assert.equal(rest.body.status, 3, "the same object REST serves");

    const updated = await gql(`mutation { updateComponent(id: ${c.id}, input: { status: 4 }) { name status } }`, { headers });
    assert.deepEqual(updated.body.data.updateComponent, { name: "GQL made", status: 4 });

    const incident = await gql(`mutation($c: Int) { createIncident(input: { name: "GQL outage", componentId: $c, componentStatus: 4 }) { id name componentId } }`, { headers, variables: { c: c.id } });
    assert.equal(incident.body.errors, undefined, incident.text);
    const incidentId = incident.body.data.createIncident.id;
    const update = await gql(`mutation { postIncidentUpdate(incidentId: ${incidentId}, input: { status: 4, message: "Fixed.", componentStatus: 1 }) { incidentId statusName } }`, { headers });
    assert.deepEqual(update.body.data.postIncidentUpdate, { incidentId, statusName: "Fixed" });
    const read = await gql(`{ incident(id: ${incidentId}) { statusName updates { message status } } component(id: ${c.id}) { status } }`, { headers });
    assert.deepEqual(read.body.data, { incident: { statusName: "Fixed", updates: [{ message: "Fixed.", status: 4 }] }, component: { status: 1 } });

    const deleted = await gql(`mutation { deleteComponent(id: ${c.id}) }`, { headers });
    assert.deepEqual(deleted.body.data, { deleteComponent: true });
    assert.equal((await app.call("GET", `/api/v1/components/${c.id}`, { headers })).status, 404);
  });

  test("mutations refused: read-only token, Viewer, anonymous, invalid input; over GET", async () => {
    const readOnly = await tokenFor("Editor", { writeEnabled: false });
    let res = await gql(CREATE, { headers: readOnly.headers, variables: { input: { name: "nope" } } });
    assert.equal(res.status, 200, "resolver errors are answered with 200 (GraphQL convention)");
    assert.equal(res.body.data, null);
    assert.deepEqual([res.body.errors[0].message, res.body.errors[0].extensions.code], ["This token does not permit write operations.", "FORBIDDEN"]);
    // The read-only token still queries over POST.
    assert.equal((await gql(`{ components(limit: 1) { count } }`, { headers: readOnly.headers })).body.errors, undefined);

    const viewer = await tokenFor("Viewer");
    res = await gql(CREATE, { headers: viewer.headers, variables: { input: { name: "nope" } } });
    assert.deepEqual([res.body.errors[0].message, res.body.errors[0].extensions.code], ["You do not have permission to perform this action.", "FORBIDDEN"]);

    res = await gql(CREATE, { variables: { input: { name: "nope" } } });
    assert.deepEqual([res.status, res.body.errors[0].message, res.body.errors[0].extensions.code], [200, "Authentication credentials were not provided.", "UNAUTHENTICATED"]);

    const { headers } = await tokenFor("Editor");
    res = await gql(CREATE, { headers, variables: { input: { name: "  ", status: 9, groupId: 2147483000 } } });
    assert.equal(res.status, 200);
    const error = res.body.errors[0];
    assert.deepEqual([error.message, error.extensions.code], ["Validation failed.", "BAD_USER_INPUT"]);
    assert.deepEqual(Object.keys(error.extensions.errors).sort(), ["name", "status"]);
    assert.equal(error.stack, undefined);

    const missing = await gql(`mutation { updateComponent(id: 2147483000, input: { status: 2 }) { id } }`, { headers });
    assert.equal(missing.body.errors[0].extensions.code, "NOT_FOUND");

    const viaGet = await app.call("GET", `${URL_}?query=${encodeURIComponent(`mutation { deleteComponent(id: 1) }`)}`, { headers });
    assert.equal(viaGet.status, 405);
    assert.equal(viaGet.body.detail, "Mutations are only accepted over POST.");
  });

  test("credentials behave exactly as REST: bad token 401, login required, session CSRF", async () => {
    const bad = { Authorization: `Token ${generateKey()}` };
    const rest = await app.call("GET", "/api/v1/components", { headers: bad });
    const res = await gql(`{ components { count } }`, { headers: bad });
    assert.deepEqual([res.status, res.body], [401, { detail: "Invalid token." }]);
    assert.deepEqual([res.status, res.body], [rest.status, rest.body]);
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="api", error="invalid_token"');

    await setPublicRole(null);
    try {
      const anon = await gql(`{ components { count } }`);
      assert.deepEqual([anon.status, anon.body], [401, { detail: "Authentication credentials were not provided." }]);
    } finally {
      await setPublicRole("Public");
    }

    const editor = await seedUser({ role: "Editor" });
    const cookie = await sessionCookie(editor.id);
    const mutation = { query: `mutation { createComponent(input: { name: "via session" }) { id } }` };
    const refused = await app.call("POST", URL_, { headers: { Cookie: cookie }, json: mutation });
    assert.deepEqual([refused.status, refused.body], [403, { detail: "CSRF Failed: Origin checking failed." }]);
    const allowed = await app.call("POST", URL_, { headers: { Cookie: cookie, Origin: ORIGIN }, json: mutation });
    assert.equal(allowed.status, 200, allowed.text);
    assert.equal(typeof allowed.body.data.createComponent.id, "number");
  });

  test("malformed requests are a 400: syntax, unknown field, bad variables, oversized, too deep", async () => {
    let res = await gql(`{ components { count `);
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].extensions.code, "GRAPHQL_PARSE_FAILED");
    assert.match(res.body.errors[0].message, /^Syntax Error/);
    assert.ok(res.body.errors[0].locations[0].line >= 1);

    res = await gql(`{ components { nope } }`);
    assert.deepEqual([res.status, res.body.errors[0].extensions.code], [400, "GRAPHQL_VALIDATION_FAILED"]);

    res = await gql(`query($id: Int!) { component(id: $id) { id } }`, { variables: { id: "x" } });
    assert.equal(res.status, 400);
    assert.equal(res.body.data, undefined);

    res = await app.call("POST", URL_, { headers: admin, json: { query: `{ components { count } }`, unexpected: 1 } });
    assert.deepEqual([res.status, res.body.detail], [400, "Validation failed."], "the request body is validated like any REST body");

    res = await gql(`{ components { count } }${" ".repeat(10_300)}`);
    assert.deepEqual([res.status, res.body.errors], [400, { query: ["GraphQL documents are limited to 10 kB."] }]);

    // 8 levels pass the depth check (and fail validation); 9 do not.
    const nested = (levels: number) => `{ ${"a { ".repeat(levels - 1)}b${" }".repeat(levels - 1)} }`;
    res = await gql(nested(8));
    assert.equal(res.body.errors[0].extensions.code, "GRAPHQL_VALIDATION_FAILED");
    assert.doesNotMatch(res.body.errors[0].message, /nested/);
    res = await gql(nested(9));
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].message, "The query is nested 9 levels deep; at most 8 are allowed.");
    // Fragments count too, and are followed once however often they are spread.
    res = await gql(`{ ...F } fragment F on Query { incidents { results { updates { message } } } ...F }`);
    assert.equal(res.body.errors[0].extensions.code, "GRAPHQL_VALIDATION_FAILED", "a fragment cycle is a validation error, not a hang");
  });

  test("reads: groups, pages by slug, menus, and the introspection query of GraphQL tooling", async () => {
    const slug = `gql-${Date.now()}`;
    assert.equal((await app.call("POST", "/api/v1/pages", { headers: admin, json: { title: "Draft", slug, published: false } })).status, 201);
    let res = await gql(`query($slug: String) { page(slug: $slug) { title } }`, { variables: { slug } });
    assert.equal(res.body.errors[0].extensions.code, "NOT_FOUND", "an unpublished page is invisible to anonymous callers");
    res = await gql(`query($slug: String) { page(slug: $slug) { title } pages { slug } componentGroups { id } menus { name items { label } } }`, { headers: admin, variables: { slug } });
    assert.equal(res.body.errors, undefined, res.text);
    assert.equal(res.body.data.page.title, "Draft");
    assert.ok(res.body.data.pages.some((p: { slug: string }) => p.slug === slug));

    res = await gql(getIntrospectionQuery());
    assert.equal(res.status, 200, res.text.slice(0, 500));
    assert.equal(res.body.data.__schema.queryType.name, "Query");
  });
});
