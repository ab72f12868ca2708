// /api/v1/roles: built-in and custom roles, their permissions, and the rules that keep them usable.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { roleId, seedRole, seedToken, seedUser, setPublicRole } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";
import { ALL_PERMISSIONS, BUILTIN_ROLES } from "../../lib/auth/permissions.ts";
import { RoleOut } from "../../lib/validation/roles.ts";

let app: TestApp;
let admin: Record<string, string>;
let counter = 0;

const FORBIDDEN = { detail: "You do not have permission to perform this action." };
const READ_ONLY = { detail: "This token does not permit write operations." };
const NOT_PROVIDED = { detail: "Authentication credentials were not provided." };

const uniqueName = (label = "Role") => `${label} ${process.pid}-${++counter}`;

async function member(options: { role?: string; roleId?: number; writeEnabled?: boolean }) {
  const user = await seedUser({ role: options.role, roleId: options.roleId });
  const { key } = await seedToken(user.id, { writeEnabled: options.writeEnabled });
  return { ...user, headers: tokenHeader(key) };
}

describeDb("roles API", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("list: the built-in roles with canonical permissions and user counts; filters and ordering", async () => {
    const res = await app.call("GET", "/api/v1/roles?builtin=true", { headers: admin });
    assert.equal(res.status, 200);
    assert.equal(res.body.count, 4);
    for (const r of res.body.results) RoleOut.strict().parse(r);
    assert.deepEqual(res.body.results.map((r: { name: string }) => r.name), ["Admin", "Editor", "Viewer", "Public"]);
    for (const [i, builtin] of BUILTIN_ROLES.entries()) {
      const got = res.body.results[i];
      assert.equal(got.builtin, true);
      assert.deepEqual(got.permissions, ALL_PERMISSIONS.filter((p) => builtin.permissions.includes(p)));
    }
    assert.deepEqual(res.body.results[0].permissions, ALL_PERMISSIONS);
    assert.ok(res.body.results[0].user_count >= 1, "the setup admin");

    const byName = await app.call("GET", "/api/v1/roles?builtin=true&ordering=-name", { headers: admin });
    assert.deepEqual(byName.body.results.map((r: { name: string }) => r.name), ["Viewer", "Public", "Editor", "Admin"]);
    const q = await app.call("GET", "/api/v1/roles?q=EDIT", { headers: admin });
    assert.deepEqual(q.body.results.map((r: { name: string }) => r.name), ["Editor"]);

    const one = await app.call("GET", `/api/v1/roles/${await roleId("Viewer")}/`, { headers: admin });
    assert.equal(one.status, 200);
    assert.equal(one.body.name, "Viewer");
    assert.equal((await app.call("GET", "/api/v1/roles/999999", { headers: admin })).status, 404);
  });

  test("create: 201 with permissions de-duplicated and in canonical order; audited", async () => {
    const name = uniqueName("Support");
    const res = await app.call("POST", "/api/v1/roles", {
      headers: admin,
      json: { name, description: "First line", permissions: ["incidents:write", "components:read", "incidents:write", "incidents:read"] },
    });
    assert.equal(res.status, 201, res.text);
    RoleOut.strict().parse(res.body);
    assert.equal(res.body.name, name);
    assert.equal(res.body.builtin, false);
    assert.equal(res.body.user_count, 0);
    assert.deepEqual(res.body.permissions, ["components:read", "incidents:read", "incidents:write"]);
    const bare = await app.call("POST", "/api/v1/roles", { headers: admin, json: { name: uniqueName() } });
    assert.deepEqual([bare.status, bare.body.permissions, bare.body.description], [201, [], ""]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "role.create", targetId: String(res.body.id) } });
    assert.equal(JSON.parse(audit.detail).name, name);
  });

  test("a name already taken (any case) is a 409, on create and on rename", async () => {
    const expected = { detail: "Conflict.", errors: { name: ["A role with this name already exists."] } };
    const dup = await app.call("POST", "/api/v1/roles", { headers: admin, json: { name: "eDiToR" } });
    assert.deepEqual([dup.status, dup.body], [409, expected]);
    const name = uniqueName();
    const id = await seedRole(name, []);
    const rename = await app.call("PATCH", `/api/v1/roles/${id}`, { headers: admin, json: { name: "viewer" } });
    assert.deepEqual([rename.status, rename.body], [409, expected]);
    const recase = await app.call("PATCH", `/api/v1/roles/${id}`, { headers: admin, json: { name: name.toUpperCase() } });
    assert.equal(recase.status, 200, "changing only the case of its own name is fine");
    assert.equal(recase.body.name, name.toUpperCase());
  });

  test("validation: unknown permissions are listed, unknown fields and blank names refused", async () => {
    const res = await app.call("POST", "/api/v1/roles", {
      headers: admin,
      json: { name: uniqueName(), permissions: ["components:read", "components:delete", "everything", "components:delete"] },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.detail, "Validation failed.");
    assert.deepEqual(Object.keys(res.body.errors), ["permissions"]);
    assert.match(res.body.errors.permissions[0], /"components:delete", "everything"/);
    for (const [json, field] of [
      [{ name: uniqueName(), builtin: true }, "builtin"],
      [{ name: "   " }, "name"],
      [{}, "name"],
      [{ name: uniqueName(), permissions: "components:read" }, "permissions"],
      [{ name: uniqueName(), user_count: 3 }, "user_count"],
    ] as const) {
      const bad = await app.call("POST", "/api/v1/roles", { headers: admin, json });
      assert.equal(bad.status, 400, JSON.stringify(json));
      assert.ok(bad.body.errors[field], bad.text);
    }
  });

  test("editing a custom role applies on its members' very next request; PUT replaces it", async () => {
    const id = await seedRole(uniqueName("Writers"), ["components:read", "components:write"]);
    const user = await member({ roleId: id });
    assert.equal((await app.call("POST", "/api/v1/components", { headers: user.headers, json: { name: "x" } })).status, 201);

    const patched = await app.call("PATCH", `/api/v1/roles/${id}`, { headers: admin, json: { permissions: ["components:read"] } });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.body.permissions, ["components:read"]);
    assert.equal(patched.body.user_count, 1);
    assert.deepEqual((await app.call("POST", "/api/v1/components", { headers: user.headers, json: { name: "x" } })).body, FORBIDDEN);
    assert.equal((await app.call("GET", "/api/v1/components", { headers: user.headers })).status, 200);

    const put = await app.call("PUT", `/api/v1/roles/${id}`, { headers: admin, json: { name: "Renamed " + id } });
    assert.equal(put.status, 200);
    assert.deepEqual([put.body.name, put.body.description, put.body.permissions], ["Renamed " + id, "", []]);
    assert.deepEqual((await app.call("GET", "/api/v1/components", { headers: user.headers })).body, FORBIDDEN);

    const audit = await db.auditEvent.findMany({ where: { action: "role.update", targetId: String(id) }, orderBy: { id: "asc" } });
    assert.deepEqual(JSON.parse(audit[0].detail).changes.permissions, { added: [], removed: ["components:write"] });
  });

  test("built-in roles: not renamed, not deleted; their permissions may change, except Admin's", async () => {
    const viewer = await roleId("Viewer");
    const rename = await app.call("PATCH", `/api/v1/roles/${viewer}`, { headers: admin, json: { name: "Watcher" } });
    assert.deepEqual([rename.status, rename.body], [400, { detail: "Validation failed.", errors: { name: ["Built-in roles cannot be renamed."] } }]);
    const recase = await app.call("PATCH", `/api/v1/roles/${viewer}`, { headers: admin, json: { name: "VIEWER" } });
    assert.equal(recase.status, 400, "a change of case is a rename too");

    const original = (await app.call("GET", `/api/v1/roles/${viewer}`, { headers: admin })).body;
    const edit = await app.call("PATCH", `/api/v1/roles/${viewer}`, {
      headers: admin,
      json: { name: "Viewer", description: "Reads.", permissions: ["components:read"] },
    });
    assert.equal(edit.status, 200, edit.text);
    assert.deepEqual(edit.body.permissions, ["components:read"]);
    const restore = await app.call("PUT", `/api/v1/roles/${viewer}`, {
      headers: admin,
      json: { name: "Viewer", description: original.description, permissions: original.permissions },
    });
    assert.deepEqual(restore.body.permissions, original.permissions);

    const adminRole = await roleId("Admin");
    for (const permissions of [ALL_PERMISSIONS.filter((p) => p !== "settings:write"), []]) {
      const res = await app.call("PATCH", `/api/v1/roles/${adminRole}`, { headers: admin, json: { permissions } });
      assert.deepEqual([res.status, res.body], [400, { detail: "Validation failed.", errors: { permissions: ["The Admin role always has every permission."] } }]);
    }
    const same = await app.call("PATCH", `/api/v1/roles/${adminRole}`, { headers: admin, json: { permissions: [...ALL_PERMISSIONS].reverse(), description: "All of it." } });
    assert.equal(same.status, 200);
    assert.deepEqual(same.body.permissions, ALL_PERMISSIONS);

    for (const name of ["Admin", "Editor", "Viewer", "Public"]) {
      const del = await app.call("DELETE", `/api/v1/roles/${await roleId(name)}`, { headers: admin });
      assert.deepEqual([del.status, del.body], [400, { detail: "Built-in roles cannot be deleted." }], name);
    }
  });

  test("deleting: a role in use by users or as public API role is a 409; an unused one goes (204)", async () => {
    const used = await seedRole(uniqueName("Used"), ["components:read"]);
    await seedUser({ roleId: used });
    const one = await app.call("DELETE", `/api/v1/roles/${used}`, { headers: admin });
    assert.deepEqual([one.status, one.body], [409, { detail: "This role is in use by 1 user." }]);
    const inactive = await seedUser({ roleId: used, active: false });
    const two = await app.call("DELETE", `/api/v1/roles/${used}`, { headers: admin });
    assert.deepEqual([two.status, two.body], [409, { detail: "This role is in use by 2 users." }]);
    assert.ok(inactive.id);

    const publicRole = await seedRole(uniqueName("Anon"), ["components:read"]);
    await db.settings.update({ where: { id: 1 }, data: { publicRoleId: publicRole } });
    try {
      const res = await app.call("DELETE", `/api/v1/roles/${publicRole}`, { headers: admin });
      assert.deepEqual([res.status, res.body], [409, { detail: "This role is the public API role." }]);
    } finally {
      await setPublicRole("Public");
    }

    const unused = await seedRole(uniqueName("Unused"), []);
    const del = await app.call("DELETE", `/api/v1/roles/${unused}/`, { headers: admin });
    assert.equal(del.status, 204);
    assert.equal((await app.call("GET", `/api/v1/roles/${unused}`, { headers: admin })).status, 404);
    assert.equal((await app.call("DELETE", `/api/v1/roles/${unused}`, { headers: admin })).status, 404);
    assert.ok(await db.auditEvent.findFirst({ where: { action: "role.delete", targetId: String(unused) } }));
  });

  test("the role set as public API role cannot be given subscribers:* permissions", async () => {
    const id = await seedRole(uniqueName("Anon"), ["components:read"]);
    await db.settings.update({ where: { id: 1 }, data: { publicRoleId: id } });
    try {
      for (const permissions of [["components:read", "subscribers:read"], ["subscribers:write"]]) {
        const res = await app.call("PATCH", `/api/v1/roles/${id}`, { headers: admin, json: { permissions } });
        assert.deepEqual(
          [res.status, res.body],
          [400, { detail: "Validation failed.", errors: { permissions: ["The public API role cannot grant access to subscribers."] } }],
        );
      }
      const fine = await app.call("PATCH", `/api/v1/roles/${id}`, { headers: admin, json: { permissions: ["pages:read"] } });
      assert.equal(fine.status, 200);
    } finally {
      await setPublicRole("Public");
    }
    const notPublic = await app.call("PATCH", `/api/v1/roles/${id}`, { headers: admin, json: { permissions: ["subscribers:read"] } });
    assert.equal(notPublic.status, 200, "once it is no longer the public role it may");
  });

  test("nobody removes users:write from their own role", async () => {
    const id = await seedRole(uniqueName("Team leads"), ["users:read", "users:write", "roles:read", "roles:write"]);
    const lead = await member({ roleId: id });
    const res = await app.call("PATCH", `/api/v1/roles/${id}`, { headers: lead.headers, json: { permissions: ["users:read", "roles:read", "roles:write"] } });
    assert.equal(res.status, 400);
    assert.match(res.body.detail, /^You cannot remove your own users:write permission/);
    const other = await app.call("PATCH", `/api/v1/roles/${id}`, { headers: admin, json: { permissions: ["users:read", "roles:read", "roles:write"] } });
    assert.equal(other.status, 200, "another manager may");
  });

  test("permissions: anonymous 401, Viewer/Editor 403, a read-only admin token reads only", async () => {
    const target = await seedRole(uniqueName(), []);
    const calls = [
      ["GET", "/api/v1/roles", undefined],
      ["GET", `/api/v1/roles/${target}`, undefined],
      ["POST", "/api/v1/roles", { name: uniqueName() }],
      ["PATCH", `/api/v1/roles/${target}`, { permissions: ALL_PERMISSIONS }],
      ["PUT", `/api/v1/roles/${target}`, { name: "x", permissions: ALL_PERMISSIONS }],
      ["DELETE", `/api/v1/roles/${target}`, undefined],
    ] as const;
    for (const [method, path, json] of calls) {
      const res = await app.call(method, path, { json });
      assert.deepEqual([res.status, res.body], [401, NOT_PROVIDED], `${method} ${path}`);
    }
    for (const role of ["Viewer", "Editor"]) {
      const { headers } = await member({ role });
      for (const [method, path, json] of calls) {
        const res = await app.call(method, path, { headers, json });
        assert.deepEqual([res.status, res.body], [403, FORBIDDEN], `${role} ${method} ${path}`);
      }
    }
    const readOnly = await member({ role: "Admin", writeEnabled: false });
    for (const [method, path, json] of calls) {
      const res = await app.call(method, path, { headers: readOnly.headers, json });
      if (method === "GET") assert.equal(res.status, 200);
      else assert.deepEqual([res.status, res.body], [403, READ_ONLY], `${method} ${path}`);
    }
    assert.deepEqual((await app.call("GET", `/api/v1/roles/${target}`, { headers: admin })).body.permissions, []);
  });
});
