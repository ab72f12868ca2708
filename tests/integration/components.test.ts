// The components endpoint: the wrapper's behaviour proven on one resource (issue 3, item 7).
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ORIGIN, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";

let app: TestApp;
let admin: Record<string, string>;

async function make(json: Record<string, unknown>) {
  const res = await app.call("POST", "/api/v1/components", { headers: admin, json });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describeDb("components", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("create, read, update (PATCH and PUT), delete", async () => {
    const c = await make({ name: "Search", description: "Full-text search", link: "https://search.example.com", status: 2, order: 5 });
    assert.deepEqual(
      { name: c.name, status: c.status, status_name: c.status_name, order: c.order, group_id: c.group_id, enabled: c.enabled },
      { name: "Search", status: 2, status_name: "Performance issues", order: 5, group_id: null, enabled: true },
    );
    assert.match(c.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const read = await app.call("GET", `/api/v1/components/${c.id}`);
    assert.deepEqual(read.body, c);
    const patched = await app.call("PATCH", `/api/v1/components/${c.id}`, { headers: admin, json: { status: 3 } });
    assert.deepEqual([patched.body.status_name, patched.body.description], ["Partial outage", "Full-text search"]);
    const put = await app.call("PUT", `/api/v1/components/${c.id}`, { headers: admin, json: { name: "Search v2" } });
    assert.deepEqual([put.body.name, put.body.description, put.body.status, put.body.order], ["Search v2", "", 1, 0], "PUT replaces: omitted fields take defaults");
    assert.equal((await app.call("DELETE", `/api/v1/components/${c.id}`, { headers: admin })).status, 204);
    assert.deepEqual((await app.call("GET", `/api/v1/components/${c.id}`)).body, { detail: "Not found." });
    assert.equal((await app.call("GET", "/api/v1/components/abc")).status, 404);
  });

  test("disabled components: visible to authenticated requests, a 404 to anyone else", async () => {
    const c = await make({ name: "Secret beta", enabled: false });
    assert.equal((await app.call("GET", `/api/v1/components/${c.id}`)).status, 404);
    const anonList = await app.call("GET", "/api/v1/components?limit=1000");
    assert.ok(!anonList.body.results.some((x: { id: number }) => x.id === c.id));
    const anonFiltered = await app.call("GET", "/api/v1/components?enabled=false");
    assert.equal(anonFiltered.body.count, 0);
    const viewer = await seedUser({ role: "Viewer" });
    const { key } = await seedToken(viewer.id);
    assert.equal((await app.call("GET", `/api/v1/components/${c.id}`, { headers: tokenHeader(key) })).status, 200);
    const list = await app.call("GET", "/api/v1/components?enabled=false", { headers: tokenHeader(key) });
    assert.ok(list.body.results.some((x: { id: number }) => x.id === c.id));
    assert.equal((await app.call("PATCH", `/api/v1/components/${c.id}`, { json: { status: 4 } })).status, 401);
  });

  test("pagination: limit/offset, absolute next/previous keeping other parameters, edges", async () => {
    for (let i = 0; i < 5; i++) await make({ name: `Page item ${i}`, status: 4 });
    const first = await app.call("GET", "/api/v1/components?status=4&limit=2", { headers: { host: "status.example.org" } });
    assert.equal(first.body.count, 5);
    assert.equal(first.body.results.length, 2);
    assert.equal(first.body.previous, null);
    assert.equal(first.body.next, "http://status.example.org/api/v1/components?status=4&limit=2&offset=2");
    const middle = await app.call("GET", "/api/v1/components?status=4&limit=2&offset=2");
    assert.equal(middle.body.previous, `${ORIGIN}/api/v1/components?status=4&limit=2`);
    assert.equal(middle.body.next, `${ORIGIN}/api/v1/components?status=4&limit=2&offset=4`);
    const ids = new Set([...first.body.results, ...middle.body.results].map((c: { id: number }) => c.id));
    assert.equal(ids.size, 4, "pages never overlap");
    const past = await app.call("GET", "/api/v1/components?status=4&offset=100");
    assert.deepEqual([past.body.count, past.body.results, past.body.next], [5, [], null]);
    assert.notEqual(past.body.previous, null, "previous is null only at offset 0");
    for (const limit of ["0", "5000"]) {
      const res = await app.call("GET", `/api/v1/components?status=4&limit=${limit}`);
      assert.equal(res.body.results.length, 5);
      assert.equal(res.body.next, null);
    }
    for (const [q, field] of [["limit=-1", "limit"], ["limit=abc", "limit"], ["offset=-5", "offset"], ["offset=x", "offset"]]) {
      const res = await app.call("GET", `/api/v1/components?${q}`);
      assert.equal(res.status, 400, q);
      assert.equal(res.body.detail, "Validation failed.");
      assert.ok(res.body.errors[field], q);
    }
  });

  test("filters, search and ordering", async () => {
    await make({ name: "zeta filter", status: 3 });
    await make({ name: "Alpha filter", status: 3, description: "needle" });
    const byName = await app.call("GET", "/api/v1/components?status=3&ordering=name");
    assert.deepEqual(byName.body.results.map((c: { name: string }) => c.name).slice(0, 2), ["Alpha filter", "zeta filter"], "ordering ignores case");
    const desc = await app.call("GET", "/api/v1/components?status=3&ordering=-name");
    assert.equal(desc.body.results[0].name, "zeta filter");
    assert.equal((await app.call("GET", "/api/v1/components?q=NEEDLE")).body.count, 1);
    assert.equal((await app.call("GET", "/api/v1/components?name=alpha%20FILTER")).body.count, 1);
    const bad = await app.call("GET", "/api/v1/components?ordering=password");
    assert.equal(bad.status, 400);
    assert.equal((await app.call("GET", "/api/v1/components?status=9")).status, 400);
  });

  test("validation: unknown fields, enums, lengths, URLs, groups, JSON, media types, size", async () => {
    const cases: [unknown, string][] = [
      [{ name: "x", colour: "red" }, "colour"],
      [{ name: "x", status: 5 }, "status"],
      [{ name: "" }, "name"],
      [{ name: "x".repeat(256) }, "name"],
      [{}, "name"],
      [{ name: "x", link: "javascript:alert(1)" }, "link"],
      [{ name: "x", group_id: 999999 }, "group_id"],
      [{ name: "x", enabled: "yes" }, "enabled"],
    ];
    for (const [json, field] of cases) {
      const res = await app.call("POST", "/api/v1/components", { headers: admin, json });
      assert.equal(res.status, 400, JSON.stringify(json));
      assert.deepEqual(Object.keys(res.body), ["detail", "errors"]);
      assert.ok(res.body.errors[field], `${JSON.stringify(json)}: ${res.text}`);
    }
    let res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "application/json" }, body: '{"name": ' });
    assert.deepEqual([res.status, res.body], [400, { detail: "JSON parse error." }]);
    res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "text/plain" }, body: "name=x" });
    assert.deepEqual([res.status, res.body], [415, { detail: 'Unsupported media type "text/plain" in request.' }]);
    res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "application/vnd.api+json" }, body: '{"name":"plus json"}' });
    assert.equal(res.status, 201);
    res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "Application/JSON; charset=utf-8" }, body: '{"name":"upper"}' });
    assert.equal(res.status, 201);
    res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "application/json" }, body: JSON.stringify({ name: "big", description: "x".repeat(1024 * 1024) }) });
    assert.deepEqual([res.status, res.body], [413, { detail: "Request body exceeds 1 MiB." }]);
    res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "application/json" }, body: "" });
    assert.equal(res.status, 400, "an empty body is {} and then misses name");
  });

  test("HEAD, OPTIONS, indent=N and 405", async () => {
    const head = await app.call("HEAD", "/api/v1/components");
    assert.equal(head.status, 200);
    assert.equal(head.text, "");
    assert.equal(head.headers.get("content-type"), "application/json");
    const pretty = await app.call("GET", "/api/v1/components?limit=1", { headers: { Accept: "application/json; indent=4" } });
    assert.match(pretty.text, /^\{\n    "count": \d+,\n/);
    const clamped = await app.call("GET", "/api/v1/components?limit=1", { headers: { Accept: "application/json; indent=20" } });
    assert.match(clamped.text, /^\{\n {8}"count"/);
    const compact = await app.call("GET", "/api/v1/components?limit=1");
    assert.ok(!compact.text.includes("\n"));
    const wrong = await app.call("PUT", "/api/v1/components");
    assert.deepEqual([wrong.status, wrong.body, wrong.headers.get("allow")], [405, { detail: 'Method "PUT" not allowed.' }, "GET, POST, HEAD, OPTIONS"]);
    const badCredsFirst = await app.call("PUT", "/api/v1/components", { headers: { "X-Api-Key": "nope" } });
    assert.equal(badCredsFirst.status, 401, "credentials are checked before the method");
  });
});

describeDb("components and their incidents", () => {
  test("deleting a component detaches its incidents and clears the status they set on it", async () => {
    const h = tokenHeader(app.adminToken);
    const c = (await app.call("POST", "/api/v1/components", { headers: h, json: { name: "Doomed" } })).body;
    const incident = (await app.call("POST", "/api/v1/incidents", { headers: h, json: { name: "Down", component_id: c.id, component_status: 4 } })).body;
    assert.equal((await app.call("DELETE", `/api/v1/components/${c.id}`, { headers: h })).status, 204);
    const after = await app.call("GET", `/api/v1/incidents/${incident.id}`, { headers: h });
    assert.deepEqual([after.status, after.body.component_id, after.body.component_status], [200, null, null]);
  });
});

describeDb("components in hidden groups", () => {
  test("are not public: a 404 and absent from lists for anonymous requests, visible to signed-in ones", async () => {
    const h = tokenHeader(app.adminToken);
    const group = (await app.call("POST", "/api/v1/components/groups", { headers: h, json: { name: "Internal", visible: false } })).body;
    const c = (await app.call("POST", "/api/v1/components", { headers: h, json: { name: "Build farm", group_id: group.id } })).body;
    assert.equal((await app.call("GET", `/api/v1/components/${c.id}`)).status, 404);
    assert.equal((await app.call("GET", `/api/v1/components?group_id=${group.id}`)).body.count, 0);
    assert.equal((await app.call("GET", `/api/v1/components/${c.id}`, { headers: h })).status, 200);
    await app.call("PATCH", `/api/v1/components/groups/${group.id}`, { headers: h, json: { visible: true } });
    assert.equal((await app.call("GET", `/api/v1/components/${c.id}`)).status, 200);
  });
});
