// /api/v1/components/groups: CRUD, visibility for anonymous readers, permissions, pagination and validation.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser, setPublicRole } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";
import { GroupOut } from "../../lib/validation/groups.ts";

let app: TestApp;
let admin: Record<string, string>;
const BASE = "/api/v1/components/groups";

async function tokenFor(role: string, options: { writeEnabled?: boolean } = {}) {
  const user = await seedUser({ role });
  return tokenHeader((await seedToken(user.id, options)).key);
}

async function makeGroup(fields: Record<string, unknown> = {}) {
  const res = await app.call("POST", BASE, { headers: admin, json: { name: `Group ${Math.random().toString(36).slice(2, 8)}`, ...fields } });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describeDb("component groups API", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("create, read, list, PATCH, PUT and DELETE", async () => {
    const res = await app.call("POST", BASE, { headers: admin, json: { name: "Core", order: 3, collapsed: true } });
    assert.equal(res.status, 201);
    const group = res.body;
    assert.deepEqual(Object.keys(group).sort(), ["collapsed", "created_at", "id", "name", "order", "updated_at", "visible"]);
    assert.deepEqual({ ...group, id: 0, created_at: "", updated_at: "" }, { id: 0, name: "Core", order: 3, collapsed: true, visible: true, created_at: "", updated_at: "" });
    GroupOut.parse(group);

    const read = await app.call("GET", `${BASE}/${group.id}`, { headers: admin });
    assert.deepEqual([read.status, read.body], [200, group]);

    const list = await app.call("GET", `${BASE}?q=core`, { headers: admin });
    assert.equal(list.status, 200);
    assert.ok(list.body.results.some((g: { id: number }) => g.id === group.id));

    const patched = await app.call("PATCH", `${BASE}/${group.id}/`, { headers: admin, json: { name: "Core services", visible: false } });
    assert.equal(patched.status, 200);
    assert.deepEqual([patched.body.name, patched.body.order, patched.body.collapsed, patched.body.visible], ["Core services", 3, true, false]);

    const put = await app.call("PUT", `${BASE}/${group.id}`, { headers: admin, json: { name: "Core" } });
    assert.equal(put.status, 200);
    assert.deepEqual([put.body.name, put.body.order, put.body.collapsed, put.body.visible], ["Core", 0, false, true], "PUT resets omitted fields to defaults");

    const del = await app.call("DELETE", `${BASE}/${group.id}`, { headers: admin });
    assert.equal(del.status, 204);
    assert.equal(del.text, "");
    assert.equal((await app.call("GET", `${BASE}/${group.id}`, { headers: admin })).status, 404);
    assert.equal((await app.call("DELETE", `${BASE}/${group.id}`, { headers: admin })).status, 404);
  });

  test("/components/groups is not read as a component id", async () => {
    const res = await app.call("GET", "/api/v1/components/groups");
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.body.results));
    const options = await app.call("OPTIONS", BASE);
    assert.equal(options.headers.get("allow"), "GET, POST, HEAD, OPTIONS");
  });

  test("deleting a group leaves its components ungrouped", async () => {
    const group = await makeGroup();
    const comp = await app.call("POST", "/api/v1/components", { headers: admin, json: { name: "Grouped", group_id: group.id } });
    assert.equal(comp.body.group_id, group.id);
    assert.equal((await app.call("DELETE", `${BASE}/${group.id}`, { headers: admin })).status, 204);
    const after = await app.call("GET", `/api/v1/components/${comp.body.id}`, { headers: admin });
    assert.equal(after.status, 200);
    assert.equal(after.body.group_id, null);
  });

  test("anonymous readers see visible groups only; hidden ones are 404", async () => {
    const shown = await makeGroup({ name: "Anon shown" });
    const hidden = await makeGroup({ name: "Anon hidden", visible: false });
    const list = await app.call("GET", `${BASE}?q=anon`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.results.map((g: { id: number }) => g.id), [shown.id]);
    assert.equal(list.body.count, 1);
    assert.deepEqual((await app.call("GET", `${BASE}?q=anon&visible=false`)).body.results, []);
    const res = await app.call("GET", `${BASE}/${hidden.id}`);
    assert.deepEqual([res.status, res.body], [404, { detail: "Not found." }]);
    assert.equal((await app.call("GET", `${BASE}/${shown.id}`)).status, 200);

    // Even a public role that could read everything does not show hidden groups.
    await setPublicRole("Admin");
    try {
      assert.equal((await app.call("GET", `${BASE}/${hidden.id}`)).status, 404);
      const write = await app.call("PATCH", `${BASE}/${shown.id}`, { json: { name: "x" } });
      assert.deepEqual([write.status, write.body], [401, { detail: "Authentication credentials were not provided." }]);
    } finally {
      await setPublicRole("Public");
    }
    // Signed-in readers see hidden groups.
    const viewer = await tokenFor("Viewer");
    assert.equal((await app.call("GET", `${BASE}/${hidden.id}`, { headers: viewer })).status, 200);
    assert.equal((await app.call("GET", `${BASE}?q=anon`, { headers: viewer })).body.count, 2);
  });

  test("permissions: anonymous, read-only token, Viewer, Editor, Admin", async () => {
    const group = await makeGroup();
    const json = { name: "Renamed" };

    let res = await app.call("POST", BASE, { json });
    assert.deepEqual([res.status, res.body], [401, { detail: "Authentication credentials were not provided." }]);
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="api"');

    const readOnly = await tokenFor("Editor", { writeEnabled: false });
    assert.equal((await app.call("GET", `${BASE}/${group.id}`, { headers: readOnly })).status, 200);
    res = await app.call("PATCH", `${BASE}/${group.id}`, { headers: readOnly, json });
    assert.deepEqual([res.status, res.body], [403, { detail: "This token does not permit write operations." }]);

    const viewer = await tokenFor("Viewer");
    assert.equal((await app.call("GET", BASE, { headers: viewer })).status, 200);
    for (const [method, path] of [["POST", BASE], ["PUT", `${BASE}/${group.id}`], ["PATCH", `${BASE}/${group.id}`], ["DELETE", `${BASE}/${group.id}`]]) {
      res = await app.call(method, path, { headers: viewer, json: method === "DELETE" ? undefined : json });
      assert.deepEqual([res.status, res.body], [403, { detail: "You do not have permission to perform this action." }], method);
    }

    const editor = await tokenFor("Editor");
    assert.equal((await app.call("PATCH", `${BASE}/${group.id}`, { headers: editor, json })).status, 200);
    assert.equal((await app.call("POST", BASE, { headers: editor, json })).status, 201);
    assert.equal((await app.call("DELETE", `${BASE}/${group.id}`, { headers: editor })).status, 204);

    const adminUser = await tokenFor("Admin");
    assert.equal((await app.call("POST", BASE, { headers: adminUser, json })).status, 201);

    // No public role: anonymous reads need credentials too.
    await setPublicRole(null);
    try {
      assert.equal((await app.call("GET", BASE)).status, 401);
    } finally {
      await setPublicRole("Public");
    }
  });

  test("pagination: default order, limits, offsets and their errors", async () => {
    const tag = `pg${Date.now().toString(36)}`;
    const made = [];
    for (const order of [3, 1, 2]) made.push(await makeGroup({ name: `${tag} ${order}`, order }));
    const path = `${BASE}?q=${tag}`;

    let res = await app.call("GET", path, { headers: admin });
    assert.deepEqual(res.body.results.map((g: { order: number }) => g.order), [1, 2, 3], "default ordering: order, then id");
    assert.deepEqual([res.body.count, res.body.next, res.body.previous], [3, null, null]);

    res = await app.call("GET", `${path}&limit=2`, { headers: admin });
    assert.equal(res.body.results.length, 2);
    assert.equal(res.body.next, `http://beacon.test${BASE}?q=${tag}&limit=2&offset=2`);
    res = await app.call("GET", res.body.next, { headers: admin });
    assert.deepEqual([res.body.results.length, res.body.next], [1, null]);
    assert.equal(res.body.previous, `http://beacon.test${BASE}?q=${tag}&limit=2`);

    res = await app.call("GET", `${path}&offset=10`, { headers: admin });
    assert.deepEqual([res.status, res.body.count, res.body.results, res.body.next], [200, 3, [], null]);
    assert.notEqual(res.body.previous, null);

    for (const limit of ["0", "5000"]) {
      res = await app.call("GET", `${path}&limit=${limit}&offset=1`, { headers: admin });
      assert.equal(res.body.results.length, 2);
      assert.match(res.body.previous, /limit=1000/, `limit=${limit} means 1000`);
    }

    for (const [query, field] of [["limit=-1", "limit"], ["limit=abc", "limit"], ["offset=-5", "offset"], ["offset=x", "offset"]]) {
      res = await app.call("GET", `${BASE}?${query}`, { headers: admin });
      assert.equal(res.status, 400, query);
      assert.equal(res.body.detail, "Validation failed.");
      assert.ok(res.body.errors[field], query);
    }

    res = await app.call("GET", `${path}&ordering=-name`, { headers: admin });
    assert.deepEqual(res.body.results.map((g: { order: number }) => g.order), [3, 2, 1]);
    res = await app.call("GET", `${BASE}?ordering=color`, { headers: admin });
    assert.equal(res.status, 400);
    assert.ok(res.body.errors.ordering);
  });

  test("validation: unknown field, missing and blank name, too long, wrong types", async () => {
    const cases: [unknown, string, string][] = [
      [{ name: "x", colour: "red" }, "colour", "Unknown field."],
      [{}, "name", "This field is required."],
      [{ name: "  " }, "name", "This field may not be blank."],
      [{ name: "x".repeat(256) }, "name", "Ensure this field has no more than 255 characters."],
      [{ name: "x", order: 1.5 }, "order", "A whole number is required."],
      [{ name: "x", visible: "yes" }, "visible", ""],
      [{ name: null }, "name", "This field may not be null."],
    ];
    for (const [json, field, message] of cases) {
      const res = await app.call("POST", BASE, { headers: admin, json });
      assert.equal(res.status, 400, JSON.stringify(json));
      assert.equal(res.body.detail, "Validation failed.");
      assert.ok(res.body.errors[field], `${JSON.stringify(json)} → ${JSON.stringify(res.body)}`);
      if (message) assert.deepEqual(res.body.errors[field], [message]);
    }
    const group = await makeGroup();
    const res = await app.call("PATCH", `${BASE}/${group.id}`, { headers: admin, json: { id: 5 } });
    assert.deepEqual(res.body.errors, { id: ["Unknown field."] });
  });

  test("bodies: JSON parse error, non-JSON media type, over 1 MiB", async () => {
    let res = await app.call("POST", BASE, { headers: { ...admin, "Content-Type": "application/json" }, body: '{"name": ' });
    assert.deepEqual([res.status, res.body], [400, { detail: "JSON parse error." }]);
    res = await app.call("POST", BASE, { headers: { ...admin, "Content-Type": "text/plain" }, body: "name=x" });
    assert.deepEqual([res.status, res.body], [415, { detail: 'Unsupported media type "text/plain" in request.' }]);
    res = await app.call("POST", BASE, { headers: admin, json: { name: "x", pad: "y".repeat(1024 * 1024) } });
    assert.deepEqual([res.status, res.body], [413, { detail: "Request body exceeds 1 MiB." }]);
  });

  test("ids that name nothing are 404s", async () => {
    for (const id of ["0", "abc", "99999999", "-1"]) {
      const res = await app.call("GET", `${BASE}/${id}`, { headers: admin });
      assert.equal(res.status, 404, id);
    }
    const count = await db.componentGroup.count();
    assert.equal((await app.call("PATCH", `${BASE}/99999999`, { headers: admin, json: { name: "x" } })).status, 404);
    assert.equal(await db.componentGroup.count(), count);
  });
});
