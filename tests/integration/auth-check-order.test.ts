// The order of API.md §2's checks, first failure wins: URL token → conflict → header syntax → throttle →
// credential → source IP; CSRF before permission; header credentials exempt from CSRF.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ORIGIN, basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { sessionCookie } from "../helpers/session.ts";
import { generateKey } from "../../lib/auth/keys.ts";
import { db } from "../../lib/db.ts";

let app: TestApp;

const CONFLICT = "Conflicting credentials: send one of Authorization, X-Api-Key, X-Cachet-Token or api-key.";


const THROTTLED = /^Request was throttled\. Expected available in \d+ seconds\.$/;

async function exhaustInvalidTokens(ip: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const res = await app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": generateKey() }, ip });
    assert.equal(res.status, 401, `invalid token ${i + 1}`);
  }
  assert.equal((await app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": generateKey() }, ip })).status, 429);
}

describeDb("order of authentication checks", () => {
  before(async () => {
    app = await testApp();
  });

  // API.md §2: "Order of checks, first failure wins: … header syntax (401 …) → throttled (429) → the
  // credential itself (any key that matches no live token … is `Invalid token.`; then expired, disabled,
  // inactive user)". Only "a request with a valid token is never throttled". Answering `Token expired.`
  // to a throttled IP also tells a key-guesser that the guess hit a real token.
  test("FINDING: a throttled IP presenting an expired, disabled or inactive-user token gets 429", async () => {
    const ip = "203.0.113.141";
    await exhaustInvalidTokens(ip);
    const user = await seedUser();
    const expired = await seedToken(user.id, { expiresAt: new Date(Date.now() - 1000) });
    const disabled = await seedToken(user.id);
    await db.apiToken.update({ where: { id: disabled.id }, data: { enabled: false } });
    const gone = await seedUser();
    const goneToken = await seedToken(gone.id);
    await db.user.update({ where: { id: gone.id }, data: { active: false } });
    for (const [label, key] of [["expired", expired.key], ["disabled", disabled.key], ["inactive user", goneToken.key]]) {
      const res = await app.call("GET", "/api/v1/components", { headers: tokenHeader(key), ip });
      assert.equal(res.status, 429, `${label}: ${res.text}`);
      assert.match(res.body.detail, THROTTLED);
      assert.ok(Number(res.headers.get("retry-after")) > 0);
    }
  });

  test("GUARD: order of checks — URL token → conflict → header syntax → throttle → credential", async () => {
    const user = await seedUser();
    const { key } = await seedToken(user.id);
    const other = await seedToken((await seedUser()).id);
    // URL token beats everything, including a conflicting pair and a malformed header.
    let res = await app.call("GET", "/api/v1/components?access_token=x", { headers: { Authorization: "Token a b", "X-Api-Key": other.key } });
    assert.equal(res.status, 400);
    assert.match(res.body.detail, /^Tokens are not accepted in the URL/);
    // Conflict beats header syntax.
    res = await app.call("GET", "/api/v1/components", { headers: { Authorization: "Token a b", "X-Api-Key": other.key } });
    assert.deepEqual([res.status, res.body], [400, { detail: CONFLICT }]);

    const ip = "203.0.113.142";
    await exhaustInvalidTokens(ip);
    // Header syntax (401) beats throttling (429), for tokens and Basic.
    res = await app.call("GET", "/api/v1/components", { headers: { Authorization: "Token a b" }, ip });
    assert.deepEqual([res.status, res.body], [401, { detail: "Invalid token header. Token string should not contain spaces." }]);
    res = await app.call("GET", "/api/v1/components", { headers: { Authorization: "Basic ***" }, ip });
    assert.deepEqual([res.status, res.body], [401, { detail: "Invalid basic header. Credentials not correctly base64 encoded." }]);
    // Any unknown key, whatever its shape, is throttled; a valid token never is.
    for (const bad of ["foobar", "a".repeat(200), generateKey()]) {
      res = await app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": bad }, ip });
      assert.equal(res.status, 429, bad.slice(0, 20));
    }
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(key), ip })).status, 200);
  });

  test("GUARD: source IP is checked after the credential; CSRF before permission; header credentials skip CSRF", async () => {
    const user = await seedUser({ role: "Viewer" });
    const expiredRestricted = await seedToken(user.id, { allowedIps: ["192.0.2.0/24"], expiresAt: new Date(Date.now() - 1000) });
    let res = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(expiredRestricted.key), ip: "203.0.113.9" });
    assert.deepEqual([res.status, res.body], [401, { detail: "Token expired." }]);

    const cookie = await sessionCookie(user.id);
    // A Viewer may not write roles, but a cross-site-looking request fails CSRF first.
    res = await app.call("POST", "/api/v1/roles", { headers: { Cookie: cookie }, json: { name: "x" } });
    assert.deepEqual([res.status, res.body], [403, { detail: "CSRF Failed: Origin checking failed." }]);
    // An opaque origin is another origin: a cookie write from it fails CSRF and says so (issue 9 item 10).
    res = await app.call("POST", "/api/v1/roles", { headers: { Cookie: cookie, Origin: "null" }, json: { name: "x" } });
    assert.deepEqual([res.status, res.body], [403, { detail: "CSRF Failed: Origin checking failed." }]);
    res = await app.call("POST", "/api/v1/roles", { headers: { Cookie: cookie, Referer: "http://beacon.test@evil.test/" }, json: { name: "x" } });
    assert.deepEqual([res.status, res.body], [403, { detail: "CSRF Failed: Origin checking failed." }]);
    res = await app.call("POST", "/api/v1/roles", { headers: { Cookie: cookie, Origin: ORIGIN }, json: { name: "x" } });
    assert.deepEqual([res.status, res.body], [403, { detail: "You do not have permission to perform this action." }]);
    // Basic next to the cookie: header credentials win and are exempt from CSRF.
    res = await app.call("POST", "/api/v1/roles", { headers: { Cookie: cookie, ...basic(user.email, user.password) }, json: { name: "x" } });
    assert.deepEqual([res.status, res.body], [403, { detail: "You do not have permission to perform this action." }]);
  });
});
