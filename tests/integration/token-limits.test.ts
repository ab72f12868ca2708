// What a token may be and do (API.md §3): scopes within its user's permissions, never more than the credential
// that made it (also through POST /users create_token and for other users), and read-only means read-only.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";

let app: TestApp;

let seq = 0;
const unique = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${++seq}`;

async function adminUserId(): Promise<number> {
  return (await db.user.findUniqueOrThrow({ where: { email: app.adminEmail }, select: { id: true } })).id;
}

describeDb("token limits", () => {
  before(async () => {
    app = await testApp();
  });

  // API.md §3: "Optional `scopes` on a token: a subset of its user's permissions". A Viewer cannot hold
  // components:write or users:write, so a token claiming them is invalid input (it is also displayed with
  // scopes it can never exercise).
  test("FINDING: token scopes outside the user's permissions are refused", async () => {
    const viewer = await seedUser({ role: "Viewer" });
    const res = await app.call("POST", "/api/v1/tokens", {
      headers: basic(viewer.email, viewer.password),
      json: { description: "overreach", scopes: ["components:read", "components:write", "users:write"] },
    });
    assert.equal(res.status, 400, `answered ${res.status} with scopes ${JSON.stringify(res.body?.scopes)}`);
    assert.ok(res.body.errors?.scopes, JSON.stringify(res.body));
  });

  // API.md §3: "A created or refreshed token never exceeds the credential that made it: write flag,
  // scopes ⊆, allowed IPs ⊆, expiry ≤." POST /users with create_token makes a token, so the rule holds
  // there too. lib/users createUser() applies only the expiry; a token locked to 192.0.2.0/24 and to
  // users:* mints an unrestricted Admin key usable from anywhere.
  test("FINDING: POST /users create_token never exceeds the credential (allowed IPs ⊆, scopes ⊆)", async () => {
    const limits = { allowedIps: ["192.0.2.0/24"], scopes: ["users:read", "users:write"] as const };
    const limited = await seedToken(await adminUserId(), { allowedIps: [...limits.allowedIps], scopes: [...limits.scopes], description: "limited admin key" });
    const res = await app.call("POST", "/api/v1/users", {
      headers: tokenHeader(limited.key),
      ip: "192.0.2.10",
      json: { email: `${unique("bot")}@example.com`, role: "Admin", create_token: true, token_description: "bot" },
    });
    if (res.status === 201) {
      const token = res.body.token;
      assert.ok(token.allowed_ips.length > 0, `the minted token allows any address: ${JSON.stringify(token.allowed_ips)}`);
      assert.ok(token.scopes.length > 0, "the minted token has every permission of the Admin role (scopes: [])");
      assert.ok(token.scopes.every((s: string) => (limits.scopes as readonly string[]).includes(s)), JSON.stringify(token.scopes));
      const escaped = await app.call("GET", "/api/v1/settings", { headers: tokenHeader(token.key), ip: "203.0.113.50" });
      assert.notEqual(escaped.status, 200, "the minted key reads settings from an address the credential could not use");
    } else {
      assert.equal(res.status, 403, res.text);
    }
  });

  test("GUARD: an admin's limited token making a token for someone else passes its limits on", async () => {
    const target = await seedUser({ role: "Editor" });
    const expires = new Date(Date.now() + 2 * 3600_000);
    const limited = await seedToken(await adminUserId(), {
      allowedIps: ["192.0.2.0/24"],
      scopes: ["components:read", "tokens:read", "tokens:write", "users:read", "users:write"],
      expiresAt: expires,
    });
    const h = tokenHeader(limited.key);
    const res = await app.call("POST", "/api/v1/tokens", { headers: h, json: { user_id: target.id, scopes: ["components:read"] } });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual([res.body.user.id, res.body.scopes, res.body.allowed_ips, res.body.expires_at], [target.id, ["components:read"], ["192.0.2.0/24"], expires.toISOString()]);
    const wider = await app.call("PATCH", `/api/v1/tokens/${res.body.id}`, { headers: h, json: { allowed_ips: ["0.0.0.0/0"] } });
    assert.equal(wider.status, 403);
  });

  test("GUARD: read-only tokens reach only DELETE /tokens/self and POST /tokens/revoke among unsafe methods", async () => {
    const user = await seedUser({ role: "Editor" });
    const ro = await seedToken(user.id, { writeEnabled: false });
    const readOnly = { detail: "This token does not permit write operations." };
    for (const [method, path, json] of <[string, string, unknown][]>[
      ["POST", "/api/v1/auth/token", { email: user.email, password: user.password }],
      ["PATCH", `/api/v1/tokens/${ro.id}`, { enabled: false }],
      ["POST", `/api/v1/tokens/${ro.id}/refresh`, {}],
      ["POST", "/api/v1/tokens", {}],
      ["DELETE", `/api/v1/tokens/${ro.id}`, undefined],
    ]) {
      const res = await app.call(method, path, { headers: tokenHeader(ro.key), json });
      assert.deepEqual([res.status, res.body], [403, readOnly], `${method} ${path}`);
    }
    const other = await seedToken(user.id);
    let res = await app.call("POST", "/api/v1/tokens/revoke", { headers: tokenHeader(ro.key), json: { keys: [other.key] } });
    assert.deepEqual([res.status, res.body], [200, { revoked: 1 }]);
    res = await app.call("DELETE", "/api/v1/tokens/self", { headers: tokenHeader(ro.key) });
    assert.equal(res.status, 204);
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(ro.key), ip: "198.51.100.63" })).status, 401);
  });
});
