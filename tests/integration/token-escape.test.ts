// Issue 9 item 8: a token's limits (scopes, allowed IPs, expiry) cannot be escaped through the users it
// manages. A token-authenticated request sets no passwords, reactivates nobody, gives nobody token
// management back, creates no user more powerful than itself, and every token it makes (a new user's
// first one, or another user's through user_id) stays within it.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { roleId, seedRole, seedToken, seedUser, uniqueEmail } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";
import type { Permission } from "../../lib/auth/permissions.ts";

let app: TestApp;
let adminBasic: Record<string, string>;
let counter = 0;
const FORBIDDEN = "You do not have permission to perform this action.";
const IP = "192.0.2.10";
const ELSEWHERE = "203.0.113.9";
const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000);

function assertForbidden(res: { status: number; body: any; text: string }, field: string, label: string) {
  assert.equal(res.status, 403, `${label}: ${res.text}`);
  assert.ok(res.text.startsWith(`{"detail":"${FORBIDDEN}"`), `${label}: ${res.text}`);
  assert.ok(res.body.errors?.[field], `${label}: errors.${field} in ${res.text}`);
}

/** A token of a fresh Admin, limited as the review's was unless told otherwise. */
async function adminToken(options: { scopes?: Permission[]; allowedIps?: string[]; expiresAt?: Date | null } = {}) {
  const user = await seedUser({ role: "Admin" });
  const { id, key } = await seedToken(user.id, { allowedIps: options.allowedIps ?? ["192.0.2.0/24"], expiresAt: options.expiresAt === undefined ? inTwoDays() : options.expiresAt, scopes: options.scopes });
  return { user, id, key, headers: tokenHeader(key) };
}

const customRole = (permissions: Permission[]) => seedRole(`Custom ${process.pid}-${++counter}`, permissions);
const stored = (id: number) => db.user.findUniqueOrThrow({ where: { id }, select: { active: true, canManageTokens: true, roleId: true } });

describeDb("no escape from a token's limits through users", () => {
  before(async () => {
    app = await testApp();
    adminBasic = basic(app.adminEmail, app.adminPassword);
  });

  test("the review's probe: a users:write token with allowed IPs and a 2-day expiry cannot make a new Admin with a password", async () => {
    const t = await adminToken({ scopes: ["users:read", "users:write"] });
    const email = uniqueEmail("escape");
    const password = "a password that outlives the token";
    for (const json of [
      { email, role: "Admin", password },
      { email, role: "Admin" },
      { email, role_id: await customRole(["users:read", "users:write"]), password },
      { email, role: "Viewer" },
    ]) {
      const res = await app.call("POST", "/api/v1/users", { headers: t.headers, ip: IP, json });
      assert.equal(res.status, 403, `${JSON.stringify(json)}: ${res.text}`);
      assert.ok(res.text.startsWith(`{"detail":"${FORBIDDEN}"`));
    }
    assert.equal(await db.user.count({ where: { email } }), 0, "no user was made");
    const signIn = await app.call("GET", "/api/v1/user/self", { headers: basic(email, password), ip: ELSEWHERE });
    assert.deepEqual([signIn.status, signIn.body], [401, { detail: "Invalid username/password." }]);
    // Within the token: a user with a role it holds, and no password.
    const ok = await app.call("POST", "/api/v1/users", { headers: t.headers, ip: IP, json: { email, role_id: await customRole(["users:read"]) } });
    assert.equal(ok.status, 201, ok.text);
  });

  test("no token sets a password (POST, PATCH, PUT; others' or its own), not even an unrestricted Admin token; Basic may", async () => {
    const unrestricted = tokenHeader(app.adminToken);
    const limited = await adminToken();
    const target = await seedUser({ role: "Viewer" });
    const password = "a password that outlives the token";
    for (const headers of [unrestricted, limited.headers]) {
      for (const [method, path, json] of [
        ["POST", "/api/v1/users", { email: uniqueEmail(), role: "Viewer", password }],
        ["PATCH", `/api/v1/users/${target.id}`, { password }],
        ["PUT", `/api/v1/users/${target.id}`, { email: target.email, role: "Viewer", password }],
        ["PATCH", `/api/v1/users/${limited.user.id}`, { password }],
      ] as const) {
        assertForbidden(await app.call(method, path, { headers, ip: IP, json }), "password", `${method} ${path}`);
      }
    }
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: basic(target.email, target.password) })).status, 200, "the old password still works");
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: basic(target.email, password) })).status, 401);
    const byPassword = await app.call("PATCH", `/api/v1/users/${target.id}`, { headers: adminBasic, json: { password } });
    assert.equal(byPassword.status, 200, byPassword.text);
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: basic(target.email, password) })).status, 200);
  });

  test("a token reactivates nobody (PATCH active, or a PUT's default): the user's password and tokens stay dead", async () => {
    const t = await adminToken();
    const target = await seedUser({ role: "Viewer", active: false });
    const targetToken = await seedToken(target.id);
    assertForbidden(await app.call("PATCH", `/api/v1/users/${target.id}`, { headers: t.headers, ip: IP, json: { active: true } }), "active", "PATCH");
    assertForbidden(await app.call("PUT", `/api/v1/users/${target.id}`, { headers: t.headers, ip: IP, json: { email: target.email, role: "Viewer" } }), "active", "PUT");
    assert.equal((await stored(target.id)).active, false);
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(targetToken.key) })).status, 401);
    // Deactivating, and editing an inactive user otherwise, stay allowed.
    assert.equal((await app.call("PATCH", `/api/v1/users/${target.id}`, { headers: t.headers, ip: IP, json: { name: "Gone" } })).status, 200);
    const other = await seedUser({ role: "Viewer" });
    assert.equal((await app.call("PATCH", `/api/v1/users/${other.id}`, { headers: t.headers, ip: IP, json: { active: false } })).status, 200);
    assert.equal((await app.call("PATCH", `/api/v1/users/${target.id}`, { headers: adminBasic, json: { active: true } })).status, 200, "Basic may");
  });

  test("a token gives nobody token management back, itself included", async () => {
    const t = await adminToken();
    const target = await seedUser({ role: "Viewer", canManageTokens: false });
    assertForbidden(await app.call("PATCH", `/api/v1/users/${target.id}`, { headers: t.headers, ip: IP, json: { can_manage_tokens: true } }), "can_manage_tokens", "PATCH");
    assertForbidden(await app.call("PUT", `/api/v1/users/${target.id}`, { headers: t.headers, ip: IP, json: { email: target.email, role: "Viewer", active: true } }), "can_manage_tokens", "PUT default");
    // A team manager whose token management an admin switched off cannot switch it back on with a token.
    const lead = await seedUser({ roleId: await customRole(["users:read", "users:write", "tokens:read", "tokens:write"]), canManageTokens: false });
    const leadToken = await seedToken(lead.id);
    assertForbidden(await app.call("PATCH", `/api/v1/users/${lead.id}`, { headers: tokenHeader(leadToken.key), json: { can_manage_tokens: true } }), "can_manage_tokens", "self");
    assert.equal((await stored(target.id)).canManageTokens, false);
    assert.equal((await stored(lead.id)).canManageTokens, false);
    assert.equal((await app.call("PATCH", `/api/v1/users/${target.id}`, { headers: t.headers, ip: IP, json: { can_manage_tokens: false } })).status, 200, "taking it away is fine");
    assert.equal((await app.call("PATCH", `/api/v1/users/${target.id}`, { headers: adminBasic, json: { can_manage_tokens: true } })).status, 200, "Basic may");
  });

  test("a token makes or changes no user beyond its own permissions", async () => {
    const t = await adminToken({ scopes: ["users:read", "users:write"] });
    const viewer = await seedUser({ role: "Viewer" });
    for (const [method, path, json] of [
      ["POST", "/api/v1/users", { email: uniqueEmail(), role: "Viewer" }],
      ["PATCH", `/api/v1/users/${viewer.id}`, { name: "renamed" }],
      ["PATCH", `/api/v1/users/${viewer.id}`, { role_id: await customRole(["users:read"]) }],
    ] as const) {
      const res = await app.call(method, path, { headers: t.headers, ip: IP, json });
      assert.equal(res.status, 403, `${method} ${path}: ${res.text}`);
      assert.ok(res.text.startsWith(`{"detail":"${FORBIDDEN}"`));
    }
    assert.equal((await stored(viewer.id)).roleId, await roleId("Viewer"));
  });

  test("a new user's first token, made through a token, inherits its expiry and addresses and may not exceed them", async () => {
    const t = await adminToken({ scopes: undefined });
    const credential = await db.apiToken.findUniqueOrThrow({ where: { id: t.id }, select: { expiresAt: true } });
    const res = await app.call("POST", "/api/v1/users", { headers: t.headers, ip: IP, json: { email: uniqueEmail("bot"), role: "Viewer", create_token: true } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.token.expires_at, credential.expiresAt!.toISOString());
    assert.deepEqual(res.body.token.allowed_ips, ["192.0.2.0/24"]);
    const first = res.body.token.key as string;
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(first), ip: IP })).status, 200);
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(first), ip: ELSEWHERE })).status, 403, "not from elsewhere");
    // That first token cannot make its user a password or a wider token either.
    assert.equal((await app.call("POST", "/api/v1/tokens", { headers: tokenHeader(first), ip: IP, json: { expires_at: null } })).status, 403);
    assert.equal((await app.call("POST", "/api/v1/tokens", { headers: tokenHeader(first), ip: IP, json: { allowed_ips: [] } })).status, 403);
  });

  test("another user's token made through user_id stays within the token that asks", async () => {
    const t = await adminToken();
    const editor = await seedUser({ role: "Editor" });
    const made = await app.call("POST", "/api/v1/tokens", { headers: t.headers, ip: IP, json: { user_id: editor.id } });
    assert.equal(made.status, 201, made.text);
    assert.deepEqual(made.body.allowed_ips, ["192.0.2.0/24"]);
    assert.ok(new Date(made.body.expires_at) <= inTwoDays());
    for (const json of [{ user_id: editor.id, expires_at: null }, { user_id: editor.id, allowed_ips: [] }, { user_id: editor.id, allowed_ips: ["0.0.0.0/0"] }]) {
      const res = await app.call("POST", "/api/v1/tokens", { headers: t.headers, ip: IP, json });
      assert.equal(res.status, 403, `${JSON.stringify(json)}: ${res.text}`);
    }
  });
});
