// Issue 9 item 7: no role can grant more than its holder has. Assigning a role, creating a role or
// changing one, and managing a user or another user's token, need every permission involved; only
// Admins assign, remove or change Admin. Refusals are 403 with API.md's permission detail.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { roleId, seedRole, seedToken, seedUser, uniqueEmail } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";
import { ALL_PERMISSIONS, type Permission } from "../../lib/auth/permissions.ts";

let app: TestApp;
let adminBasic: Record<string, string>;
let counter = 0;
const FORBIDDEN = "You do not have permission to perform this action.";
const uniqueName = (label = "Role") => `${label} ${process.pid}-${++counter}`;

/** A user whose custom role grants exactly `permissions`, signed in with Basic. */
async function holder(permissions: Permission[]) {
  const id = await seedRole(uniqueName(), permissions);
  const user = await seedUser({ roleId: id });
  return { ...user, roleId: id, headers: basic(user.email, user.password) };
}

function assertForbidden(res: { status: number; body: any; text: string }, label: string) {
  assert.equal(res.status, 403, `${label}: ${res.text}`);
  assert.equal(res.body.detail, FORBIDDEN, label);
  assert.ok(res.text.startsWith(`{"detail":"${FORBIDDEN}"`), `${label}: the body starts with the detail`);
}

const roleOf = async (userId: number) => (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { role: { select: { name: true } } } })).role.name;
const permissionsOf = async (id: number) => (JSON.parse((await db.role.findUniqueOrThrow({ where: { id } })).permissions) as string[]).sort();

describeDb("no escalation through roles", () => {
  before(async () => {
    app = await testApp();
    adminBasic = basic(app.adminEmail, app.adminPassword);
  });

  test("users:write alone cannot make anyone (itself included) an Admin or an Editor, by POST, PATCH or PUT", async () => {
    const me = await holder(["users:read", "users:write"]);
    const other = await holder(["users:read"]);
    const probes = [
      ["PATCH", `/api/v1/users/${me.id}`, { role: "Admin" }],
      ["PATCH", `/api/v1/users/${me.id}`, { role_id: await roleId("Admin") }],
      ["PUT", `/api/v1/users/${me.id}`, { email: me.email, role: "Admin" }],
      ["PATCH", `/api/v1/users/${me.id}`, { role: "Editor" }],
      ["PATCH", `/api/v1/users/${other.id}`, { role: "Admin" }],
      ["POST", "/api/v1/users", { email: uniqueEmail(), role: "Admin" }],
      ["POST", "/api/v1/users", { email: uniqueEmail(), role: "Editor", password: "a long enough password" }],
    ] as const;
    for (const [method, path, json] of probes) assertForbidden(await app.call(method, path, { headers: me.headers, json }), `${method} ${path} ${JSON.stringify(json)}`);
    assert.equal(await roleOf(me.id), (await db.role.findUniqueOrThrow({ where: { id: me.roleId } })).name, "still their own role");
    assert.equal(await roleOf(other.id), (await db.role.findUniqueOrThrow({ where: { id: other.roleId } })).name);
    // The 403 says what is missing.
    const res = await app.call("PATCH", `/api/v1/users/${me.id}`, { headers: me.headers, json: { role: "Editor" } });
    assert.ok(res.body.errors.role[0].includes("components:write"), JSON.stringify(res.body));

    // A role within what they hold is fine.
    const small = await seedRole(uniqueName("Readers"), ["users:read"]);
    const made = await app.call("POST", "/api/v1/users", { headers: me.headers, json: { email: uniqueEmail(), role_id: small } });
    assert.equal(made.status, 201, made.text);
    assert.equal((await app.call("PATCH", `/api/v1/users/${other.id}`, { headers: me.headers, json: { role_id: small } })).status, 200);
  });

  test("users:write cannot change, reset the password of, deactivate or delete a user whose role has more", async () => {
    const me = await holder(["users:read", "users:write"]);
    const editor = await seedUser({ role: "Editor" });
    const admin = await seedUser({ role: "Admin" });
    for (const target of [editor, admin]) {
      for (const [method, json] of [
        ["PATCH", { password: "attacker chosen password" }],
        ["PATCH", { email: uniqueEmail("taken-over") }],
        ["PATCH", { active: false }],
        ["PATCH", { role: "Viewer" }],
        ["PUT", { email: target.email, role: "Viewer" }],
        ["DELETE", undefined],
      ] as const) {
        assertForbidden(await app.call(method, `/api/v1/users/${target.id}`, { headers: me.headers, json }), `${method} ${JSON.stringify(json)}`);
      }
      assert.equal((await app.call("GET", "/api/v1/user/self", { headers: basic(target.email, target.password) })).status, 200, "the password still works");
    }
  });

  test("only Admins assign, remove or change Admin, even for a custom role that has every permission", async () => {
    const me = await holder([...ALL_PERMISSIONS]);
    const admin = await seedUser({ role: "Admin" });
    const plain = await seedUser({ role: "Viewer" });
    const adminRole = await roleId("Admin");
    for (const [method, path, json] of [
      ["PATCH", `/api/v1/users/${me.id}`, { role: "Admin" }],
      ["PATCH", `/api/v1/users/${plain.id}`, { role: "Admin" }],
      ["POST", "/api/v1/users", { email: uniqueEmail(), role: "Admin" }],
      ["PATCH", `/api/v1/users/${admin.id}`, { role: "Viewer" }],
      ["PATCH", `/api/v1/users/${admin.id}`, { password: "attacker chosen password" }],
      ["DELETE", `/api/v1/users/${admin.id}`, undefined],
      ["PATCH", `/api/v1/roles/${adminRole}`, { description: "mine now" }],
    ] as const) {
      assertForbidden(await app.call(method, path, { headers: me.headers, json }), `${method} ${path} ${JSON.stringify(json)}`);
    }
    assert.equal(await roleOf(admin.id), "Admin");
    // Everything else that role holds, it may do: e.g. make someone an Editor.
    assert.equal((await app.call("PATCH", `/api/v1/users/${plain.id}`, { headers: me.headers, json: { role: "Editor" } })).status, 200);
    // An Admin may.
    assert.equal((await app.call("PATCH", `/api/v1/users/${plain.id}`, { headers: adminBasic, json: { role: "Admin" } })).status, 200);
    assert.equal((await app.call("PATCH", `/api/v1/users/${plain.id}`, { headers: adminBasic, json: { role: "Viewer" } })).status, 200);
  });

  test("roles:write cannot widen its own role, create a wider role, or touch a role with more than it holds", async () => {
    const me = await holder(["roles:read", "roles:write", "components:read"]);
    const wider = await seedRole(uniqueName("Wider"), ["components:read", "components:write"]);
    for (const [method, path, json] of [
      ["PATCH", `/api/v1/roles/${me.roleId}`, { permissions: ["roles:read", "roles:write", "components:read", "users:write"] }],
      ["PUT", `/api/v1/roles/${me.roleId}`, { name: uniqueName(), permissions: [...ALL_PERMISSIONS] }],
      ["POST", "/api/v1/roles", { name: uniqueName(), permissions: ["users:read", "users:write"] }],
      ["PATCH", `/api/v1/roles/${wider}`, { permissions: ["components:read"] }],
      ["PATCH", `/api/v1/roles/${await roleId("Editor")}`, { permissions: ["components:read"] }],
      ["DELETE", `/api/v1/roles/${wider}`, undefined],
    ] as const) {
      assertForbidden(await app.call(method, path, { headers: me.headers, json }), `${method} ${path} ${JSON.stringify(json)}`);
    }
    assert.deepEqual(await permissionsOf(me.roleId), ["components:read", "roles:read", "roles:write"]);
    assert.deepEqual(await permissionsOf(wider), ["components:read", "components:write"]);
    const res = await app.call("POST", "/api/v1/roles", { headers: me.headers, json: { name: uniqueName(), permissions: ["users:write", "components:read"] } });
    assert.deepEqual(res.body.errors, { permissions: ["You cannot grant permissions you do not have: users:write."] });
    // Within what it holds: fine.
    const ok = await app.call("POST", "/api/v1/roles", { headers: me.headers, json: { name: uniqueName(), permissions: ["components:read"] } });
    assert.equal(ok.status, 201, ok.text);
    assert.equal((await app.call("PATCH", `/api/v1/roles/${ok.body.id}`, { headers: me.headers, json: { permissions: [] } })).status, 200);
  });

  test("another user's token: made, refreshed or widened only when it grants no more than the one asking holds; an Admin's only by Admins", async () => {
    const me = await holder(["users:read", "users:write", "tokens:read", "tokens:write"]);
    const editor = await seedUser({ role: "Editor" });
    const editorToken = await seedToken(editor.id);
    const editorScoped = await seedToken(editor.id, { scopes: ["tokens:read"] });
    const admin = await seedUser({ role: "Admin" });
    const adminScoped = await seedToken(admin.id, { scopes: ["tokens:read"] });
    for (const [method, path, json] of [
      ["POST", "/api/v1/tokens", { user_id: editor.id }],
      ["POST", "/api/v1/tokens", { user_id: editor.id, scopes: ["components:write"] }],
      ["POST", `/api/v1/tokens/${editorToken.id}/refresh`, undefined],
      ["PATCH", `/api/v1/tokens/${editorScoped.id}`, { scopes: [] }],
      ["PATCH", `/api/v1/tokens/${editorScoped.id}`, { scopes: ["tokens:read", "components:write"] }],
      ["POST", "/api/v1/tokens", { user_id: admin.id, scopes: ["tokens:read"] }],
      ["POST", `/api/v1/tokens/${adminScoped.id}/refresh`, undefined],
    ] as const) {
      const res = await app.call(method, path, { headers: me.headers, json });
      assertForbidden(res, `${method} ${path} ${JSON.stringify(json)}`);
      assert.ok(!res.text.includes("bcn_"), "no key");
    }
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(editorToken.key) })).status, 200, "not refreshed");
    assert.deepEqual(JSON.parse((await db.apiToken.findUniqueOrThrow({ where: { id: editorScoped.id } })).scopes), ["tokens:read"]);
    // Within what the asker holds, e.g. a token scoped to tokens:read: fine.
    const ok = await app.call("POST", "/api/v1/tokens", { headers: me.headers, json: { user_id: editor.id, scopes: ["tokens:read"] } });
    assert.equal(ok.status, 201, ok.text);
    assert.equal((await app.call("POST", `/api/v1/tokens/${editorScoped.id}/refresh`, { headers: me.headers })).status, 200);
    // Switching another user's token off stays allowed: it only takes power away.
    assert.equal((await app.call("PATCH", `/api/v1/tokens/${editorToken.id}`, { headers: me.headers, json: { enabled: false } })).status, 200);
    // An Admin may do all of it.
    const byAdmin = await app.call("POST", `/api/v1/tokens/${adminScoped.id}/refresh`, { headers: adminBasic });
    assert.equal(byAdmin.status, 200);
  });
});
