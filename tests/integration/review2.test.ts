// Second review of API.md §1, §3 and §4: the resource and token-lifecycle logic (lib/tokens, lib/users,
// lib/roles, lib/audit, lib/validation, the v1 routes). Credential parsing and the order of auth checks
// were the first review's subject (review.test.ts) and are not repeated here.
//
//   FINDING — asserts what API.md requires; FAILS today. Each quotes the API.md text it enforces.
//   GUARD   — tricky cases that already behave as API.md says; kept to catch regressions.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { basic, describeDb, testApp, tokenHeader, type CallResult, type TestApp } from "../helpers/app.ts";
import { roleId, seedRole, seedToken, seedUser } from "../helpers/fixtures.ts";
import { TEST_DB_KIND } from "../helpers/database.ts";
import { digestKey } from "../../lib/auth/keys.ts";
import { db } from "../../lib/db.ts";

let app: TestApp;

type Loose = { status: number | string; body: any; text: string };

/** A call whose failure mode (a rejected handler, a response that breaks the OpenAPI document) is a visible status. */
async function safeCall(method: string, path: string, options: Parameters<TestApp["call"]>[2] = {}): Promise<Loose> {
  try {
    const res: CallResult = await app.call(method, path, options);
    return { status: res.status, body: res.body, text: res.text };
  } catch (err) {
    return { status: `threw: ${(err as Error).message.split("\n").slice(0, 2).join(" ").slice(0, 160)}`, body: null, text: "" };
  }
}

let seq = 0;
const unique = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${++seq}`;

async function adminUserId(): Promise<number> {
  return (await db.user.findUniqueOrThrow({ where: { email: app.adminEmail }, select: { id: true } })).id;
}

describeDb("review 2", () => {
  before(async () => {
    app = await testApp();
  });

  // ───────────────────────────── FINDINGS (fail today) ─────────────────────────────

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

  // API.md §3 on POST /api/v1/tokens/revoke: it "revokes any valid key listed (for leaked keys …)", and
  // on refresh: "optional grace_seconds ≤ 86400 keeps it [the old key] alive that long". Listing the old
  // key of a refreshed token (a leaked key the owner already rotated) must end that key, not the new key
  // the owner just deployed. lib/tokens/manage.ts revokeKeys() deletes the whole token.
  test("FINDING: revoking a refreshed token's old (grace) key leaves the new key working", async () => {
    const user = await seedUser({ role: "Editor" });
    const { id, key: oldKey } = await seedToken(user.id);
    const refreshed = await app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers: basic(user.email, user.password), json: { grace_seconds: 3600 } });
    assert.equal(refreshed.status, 200);
    const newKey: string = refreshed.body.key;

    const revoked = await app.call("POST", "/api/v1/tokens/revoke", { json: { keys: [oldKey] } });
    assert.deepEqual([revoked.status, revoked.body], [200, { revoked: 1 }]);
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(oldKey), ip: "198.51.100.201" })).status, 401, "the listed key is revoked");
    const fresh = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(newKey) });
    assert.equal(fresh.status, 200, `the new key, which nobody listed, was revoked too: ${fresh.text}`);
  });

  // API.md §1 audit: "no (own events; admins all)"; §3: "Managing another user's tokens needs users:write
  // (admin)"; §4: "An object the principal may not see is 404 Not found. (never a 403 that confirms it
  // exists)". lib/tokens/manage.ts hides another user's tokens from anyone without users:write, but
  // lib/audit/list.ts shows every event to anyone with users:read — so a custom role with users:read (not
  // an admin) reads, in /audit, the ids, displays and IPs of tokens that /tokens answers with 404.
  // Either rule may be the one kept; the two must agree.
  test("FINDING: /audit shows another user's token events only to principals who may see that user's tokens", async () => {
    const reader = await seedUser({ roleId: await seedRole(unique("Team reader"), ["users:read", "tokens:read", "tokens:write"]) });
    const other = await seedUser({ role: "Editor" });
    const made = await app.call("POST", "/api/v1/tokens", { headers: basic(other.email, other.password), json: { description: "other's token" } });
    assert.equal(made.status, 201);
    const h = basic(reader.email, reader.password);

    const direct = await app.call("GET", `/api/v1/tokens/${made.body.id}`, { headers: h });
    const listed = await app.call("GET", `/api/v1/tokens?user_id=${other.id}`, { headers: h });
    const tokenHidden = direct.status === 404 && listed.body.count === 0;

    const audit = await app.call("GET", `/api/v1/audit?user_id=${other.id}&limit=1000`, { headers: h });
    assert.equal(audit.status, 200);
    const aboutToken = audit.body.results.filter((e: { target_type: string; target_id: string | null }) => e.target_type === "token" && e.target_id === String(made.body.id));
    if (tokenHidden) {
      assert.deepEqual(
        aboutToken.map((e: { action: string; detail: unknown }) => `${e.action} ${JSON.stringify(e.detail)}`),
        [],
        "GET /tokens/{id} is a 404 for this principal, yet /audit shows the token",
      );
    }
  });

  // API.md §2 errors table: a unique field already taken is "409 Conflict. + "errors": {"slug": [...]}"
  // — keyed by the field the client sent. Sequentially, a supplied key that is taken answers
  // errors.key; when two restores of the same key race, the loser gets errors.digest (an internal column
  // the API never exposes) from lib/api/map-error.ts, because createTokenFor() does not catch P2002.
  test("FINDING: concurrent restores of the same supplied key — the losers' 409 names `key`, not `digest`", async () => {
    const user = await seedUser({ role: "Editor" });
    const { key: credential } = await seedToken(user.id);
    const key = `review2-${process.pid}-${Date.now()}`.padEnd(48, "x");
    const results = await Promise.all(
      Array.from({ length: 8 }, () => app.call("POST", "/api/v1/tokens", { headers: tokenHeader(credential), json: { key, description: "restore" } })),
    );
    assert.equal(results.filter((r) => r.status === 201).length, 1, results.map((r) => r.status).join(","));
    for (const r of results.filter((r) => r.status !== 201)) {
      assert.equal(r.status, 409);
      assert.deepEqual(Object.keys(r.body.errors), ["key"], `[${TEST_DB_KIND}] ${r.text}`);
    }
  });

  // API.md §1: "ISO-8601 UTC timestamps (`2026-11-22T10:00:00.000Z`)"; §2 errors table: bad input is
  // "400 Validation failed." — never a 500. isoDate (lib/validation/common.ts) accepts any offset, so
  // "9999-12-31T23:59:59-01:00" becomes year 10000: SQLite then answers "+010000-01-01T00:59:59.000Z"
  // (not that format) and PostgreSQL stores it but cannot read it back — every later GET /incidents,
  // the anonymous public list included, is a 500 until someone deletes the row. Year 0 is a 500 on
  // PostgreSQL (22008 "date/time field value out of range").
  test("FINDING: dates outside years 0001–9999 (UTC) are a 400, and never break the public incident list", async () => {
    const admin = tokenHeader(app.adminToken);
    const marker = unique("review2-date");
    const user = await seedUser({ role: "Editor" });
    // [method, path, body, field, whether a faithful round-trip (201 echoing the same instant) is also fine]
    const cases: [string, string, Record<string, unknown>, string, boolean][] = [
      // Year 10000 once converted to UTC: it cannot be written as 2026-11-22T10:00:00.000Z.
      ["POST", "/api/v1/incidents", { name: marker, occurred_at: "9999-12-31T23:59:59-01:00" }, "occurred_at", false],
      ["POST", "/api/v1/incidents", { name: marker, scheduled_at: "9999-12-31T23:00:00-05:00" }, "scheduled_at", false],
      ["POST", "/api/v1/tokens", { description: marker, expires_at: "9999-12-31T23:59:59-01:00" }, "expires_at", false],
      // Year 0 (in the input, or after the offset): a 400, or stored and echoed faithfully — never a 500.
      ["POST", "/api/v1/incidents", { name: marker, occurred_at: "0000-06-01T00:00:00Z" }, "occurred_at", true],
      ["POST", "/api/v1/incidents", { name: marker, occurred_at: "0001-01-01T00:00:00+01:00" }, "occurred_at", true],
      ["POST", "/api/v1/subscribers", { email: `${marker}@example.com`, verified_at: "0000-06-01T00:00:00Z" }, "verified_at", true],
    ];
    const failures: string[] = [];
    try {
      for (const [method, path, json, field, roundTripOk] of cases) {
        const headers = path === "/api/v1/tokens" ? basic(user.email, user.password) : admin;
        const res = await safeCall(method, path, { headers, json });
        const refused = res.status === 400 && res.body?.errors?.[field];
        const faithful = roundTripOk && res.status === 201 && Date.parse(res.body?.[field]) === Date.parse(String(json[field]));
        if (!refused && !faithful) failures.push(`${path} ${field}=${JSON.stringify(json[field])} → ${res.status} ${res.text.slice(0, 100)}`);
      }
      const pub = await safeCall("GET", "/api/v1/incidents?ordering=-occurred_at&limit=5");
      if (pub.status !== 200) failures.push(`anonymous GET /api/v1/incidents → ${pub.status}`);
      const mine = await safeCall("GET", "/api/v1/tokens", { headers: basic(user.email, user.password) });
      if (mine.status !== 200) failures.push(`GET /api/v1/tokens of the user → ${mine.status}`);
    } finally {
      await db.incident.deleteMany({ where: { name: marker } });
      await db.subscriber.deleteMany({ where: { email: `${marker}@example.com` } });
      await db.apiToken.deleteMany({ where: { description: marker } });
    }
    assert.deepEqual(failures, [], `[${TEST_DB_KIND}]`);
  });

  // API.md §2 errors table: validation → 400; nothing in the table is a 500. PostgreSQL rejects U+0000
  // in text (22021 "invalid byte sequence for encoding UTF8: 0x00"), which lib/api/map-error.ts turns
  // into a 500 — from anonymous requests too (?q=%00 on any public list, POST /auth/token). SQLite
  // accepts the character, so this passes there.
  test("FINDING [postgresql]: a NUL character in a query or body is a 400 (or no match), never a 500", async () => {
    const admin = tokenHeader(app.adminToken);
    const marker = unique("review2-nul");
    const failures: string[] = [];
    try {
      for (const path of [
        "/api/v1/components?q=%00",
        "/api/v1/components/groups?name=a%00b",
        "/api/v1/incidents?q=%00",
        "/api/v1/pages?slug=%00",
        "/api/v1/menus?name=%00",
      ]) {
        const res = await safeCall("GET", path);
        if (res.status !== 200 && res.status !== 400) failures.push(`anonymous GET ${path} → ${res.status}`);
      }
      const prov = await safeCall("POST", "/api/v1/auth/token", { json: { email: "nul\u0000@example.com", password: "whatever" }, ip: "198.51.100.202" });
      if (prov.status !== 400 && prov.status !== 401) failures.push(`anonymous POST /auth/token → ${prov.status}`);
      for (const [path, json] of <[string, unknown][]>[
        ["/api/v1/components", { name: `${marker}\u0000` }],
        ["/api/v1/tokens", { description: `${marker}\u0000` }],
        ["/api/v1/roles", { name: `${marker}\u0000` }],
      ]) {
        const res = await safeCall("POST", path, { headers: admin, json });
        if (typeof res.status !== "number" || res.status >= 500) failures.push(`POST ${path} → ${res.status}`);
      }
    } finally {
      await db.component.deleteMany({ where: { name: `${marker}\u0000` } }).catch(() => {});
      await db.apiToken.deleteMany({ where: { description: `${marker}\u0000` } }).catch(() => {});
      await db.role.deleteMany({ where: { name: `${marker}\u0000` } }).catch(() => {});
    }
    assert.deepEqual(failures, [], `[${TEST_DB_KIND}]`);
  });

  // ───────────────────────────── GUARDS (pass today) ─────────────────────────────

  test("GUARD: concurrent creates of one slug / e-mail / role name: exactly one 201, the rest 409 on that field", async () => {
    const admin = tokenHeader(app.adminToken);
    const tag = unique("race").toLowerCase();
    const cases: [string, unknown, string][] = [
      ["/api/v1/pages", { title: "Race", slug: tag }, "slug"],
      ["/api/v1/subscribers", { email: `${tag}@example.com` }, "email"],
      ["/api/v1/users", { email: `${tag}@example.com`, role: "Viewer" }, "email"],
      ["/api/v1/roles", { name: tag }, "name"],
    ];
    for (const [path, json, field] of cases) {
      const results = await Promise.all(Array.from({ length: 6 }, () => app.call("POST", path, { headers: admin, json })));
      assert.equal(results.filter((r) => r.status === 201).length, 1, `${path}: ${results.map((r) => r.status).join(",")}`);
      for (const r of results.filter((r) => r.status !== 201)) {
        assert.equal(r.status, 409, `${path}: ${r.text}`);
        assert.deepEqual(Object.keys(r.body.errors), [field], `${path}: ${r.text}`);
      }
    }
  });

  test("GUARD: token pages with equal created_at are stable; next/previous exact at the boundaries", async () => {
    const user = await seedUser({ role: "Viewer" });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await seedToken(user.id, { description: `t${i}` })).id);
    await db.apiToken.updateMany({ where: { userId: user.id }, data: { createdAt: new Date("2026-01-01T00:00:00.000Z") } });
    const h = basic(user.email, user.password);
    const seen: number[] = [];
    for (let offset = 0; offset < 6; offset += 2) {
      const res = await app.call("GET", `/api/v1/tokens?limit=2&offset=${offset}&enabled=true`, { headers: h });
      assert.equal(res.status, 200);
      assert.equal(res.body.count, 5);
      seen.push(...res.body.results.map((t: { id: number }) => t.id));
      assert.equal(res.body.next === null, offset + 2 >= 5, `next at offset ${offset}`);
      assert.equal(res.body.previous === null, offset === 0, `previous at offset ${offset}`);
      if (res.body.next) assert.match(res.body.next, new RegExp(`^http://beacon\\.test/api/v1/tokens\\?limit=2&offset=${offset + 2}&enabled=true$`));
    }
    assert.deepEqual(seen, [...ids].sort((a, b) => b - a), "every token exactly once, newest id first among equal times");
    const past = await app.call("GET", "/api/v1/tokens?limit=2&offset=5", { headers: h });
    assert.deepEqual([past.body.count, past.body.results, past.body.next], [5, [], null]);
    assert.notEqual(past.body.previous, null);
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

  test("GUARD: a non-admin cannot reach another user's tokens by id, filter or user_id", async () => {
    const a = await seedUser({ role: "Editor" });
    const b = await seedUser({ role: "Editor" });
    const bt = await seedToken(b.id);
    const h = basic(a.email, a.password);
    for (const [method, path, json] of <[string, string, unknown][]>[
      ["GET", `/api/v1/tokens/${bt.id}`, undefined],
      ["PATCH", `/api/v1/tokens/${bt.id}`, { enabled: false }],
      ["PATCH", `/api/v1/tokens/${bt.id}`, { description: "mine now" }],
      ["POST", `/api/v1/tokens/${bt.id}/refresh`, {}],
      ["DELETE", `/api/v1/tokens/${bt.id}`, undefined],
    ]) {
      const res = await app.call(method, path, { headers: h, json });
      assert.deepEqual([res.status, res.body], [404, { detail: "Not found." }], `${method} ${path}`);
    }
    assert.equal((await app.call("GET", `/api/v1/tokens?user_id=${b.id}`, { headers: h })).body.count, 0);
    const mint = await app.call("POST", "/api/v1/tokens", { headers: h, json: { user_id: b.id } });
    const ghost = await app.call("POST", "/api/v1/tokens", { headers: h, json: { user_id: 2_000_000_000 } });
    assert.deepEqual([mint.status, mint.body], [ghost.status, ghost.body], "a real and a missing user answer alike");
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(bt.key) })).status, 200);
  });

  test("GUARD: provisioning needs an active user whose role has tokens:write", async () => {
    const publicUser = await seedUser({ roleId: await roleId("Public") });
    let res = await app.call("POST", "/api/v1/auth/token", { json: { email: publicUser.email, password: publicUser.password } });
    assert.deepEqual([res.status, res.body], [403, { detail: "This user may not manage API tokens." }]);
    const gone = await seedUser({ role: "Editor", active: false });
    res = await app.call("POST", "/api/v1/auth/token", { json: { email: gone.email, password: gone.password } });
    assert.deepEqual([res.status, res.body], [401, { detail: "User inactive or deleted." }]);
    assert.equal(await db.apiToken.count({ where: { userId: { in: [publicUser.id, gone.id] } } }), 0);
  });

  test("GUARD: no response carries a password hash, a key digest, or a key after its creation", async () => {
    const user = await seedUser({ role: "Editor" });
    const made = await app.call("POST", "/api/v1/tokens", { headers: basic(user.email, user.password), json: { description: "secret check" } });
    const key: string = made.body.key;
    const digest = digestKey(key);
    const admin = tokenHeader(app.adminToken);
    const texts: string[] = [];
    for (const path of ["/api/v1/users?limit=1000", `/api/v1/users/${user.id}`, `/api/v1/tokens?user_id=${user.id}`, `/api/v1/tokens/${made.body.id}`, "/api/v1/audit?limit=1000", "/api/v1/user/self", "/api/v1/settings"]) {
      texts.push((await app.call("GET", path, { headers: admin })).text);
    }
    texts.push((await app.call("GET", "/api/v1/tokens/self", { headers: tokenHeader(key) })).text);
    texts.push((await app.call("PATCH", `/api/v1/tokens/${made.body.id}`, { headers: tokenHeader(key), json: { description: "x" } })).text);
    for (const text of texts) {
      assert.ok(!text.includes(key), "a key after its creation");
      assert.ok(!text.includes(digest), "a key digest");
      assert.ok(!/\$argon2/.test(text), "a password hash");
      assert.ok(!/password_hash|passwordHash|"digest"/.test(text), text.slice(0, 200));
    }
  });
});
