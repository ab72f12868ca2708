// Security review of API.md §1–§4 against the implementation.
//
// Two kinds of tests live here:
//   FINDING — asserts what API.md requires; FAILS today. Each cites the API.md line it enforces.
//   GUARD   — tricky cases that already behave as API.md says; kept to catch regressions.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ORIGIN, basic, describeDb, testApp, tokenHeader, type CallResult, type TestApp } from "../helpers/app.ts";
import { seedRole, seedToken, seedUser, setPublicRole } from "../helpers/fixtures.ts";
import { sessionCookie } from "../helpers/session.ts";
import { generateKey } from "../../lib/auth/keys.ts";
import { ALL_PERMISSIONS } from "../../lib/auth/permissions.ts";
import { TEST_DB_KIND } from "../helpers/database.ts";
import { db } from "../../lib/db.ts";

let app: TestApp;

const CONFLICT = "Conflicting credentials: send one of Authorization, X-Api-Key, X-Cachet-Token or api-key.";
const NOT_PROVIDED = "Authentication credentials were not provided.";
const THROTTLED = /^Request was throttled\. Expected available in \d+ seconds\.$/;

/** A call that turns a handler that rejects (instead of answering) into a visible status. */
async function safeCall(method: string, path: string, options: Parameters<TestApp["call"]>[2] = {}): Promise<CallResult | { status: string; body: unknown; text: string; headers: Headers }> {
  try {
    return await app.call(method, path, options);
  } catch (err) {
    return { status: `handler threw: ${(err as Error).message}`, body: null, text: "", headers: new Headers() };
  }
}

/** Sends a request whose headers may repeat (the harness takes a plain object), straight to a route file. */
async function rawGet(routeModule: string, path: string, headerPairs: [string, string][]): Promise<{ status: number; body: any }> {
  const mod = (await import(routeModule)) as Record<string, (req: Request, ctx: unknown) => Promise<Response>>;
  const headers = new Headers([["host", "beacon.test"], ["x-beacon-client-ip", "192.0.2.10"], ...headerPairs]);
  const res = await mod.GET(new Request(new URL(path, ORIGIN), { headers }), { params: Promise.resolve({}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function exhaustInvalidTokens(ip: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const res = await app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": generateKey() }, ip });
    assert.equal(res.status, 401, `invalid token ${i + 1}`);
  }
  assert.equal((await app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": generateKey() }, ip })).status, 429);
}

describeDb("review", () => {
  before(async () => {
    app = await testApp();
  });

  // ───────────────────────────── FINDINGS (fail today) ─────────────────────────────

  // API.md §1: "?offset= … past the end, `results` is `[]` and `next` null; a non-numeric or negative
  // value is a 400". A huge but numeric offset is past the end — it must never be a 500.
  test("FINDING: an offset beyond 64 bits is past the end (200, empty), not a 500", async () => {
    const res = await app.call("GET", "/api/v1/components?offset=99999999999999999999");
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.results, []);
    assert.equal(res.body.next, null);
  });

  // API.md §2 errors table: validation → "400 Validation failed." (+ errors). An id that cannot exist
  // (beyond PostgreSQL's INT4) is bad input: a 400 in a body, "no match" in a filter — never a 500.
  // Passes on SQLite (64-bit integers); fails on PostgreSQL.
  test("FINDING [postgresql]: ids beyond 2^31-1 in bodies and query filters are 400/empty, never 500", async () => {
    const admin = tokenHeader(app.adminToken);
    const big = 3_000_000_000;
    const bodies: [string, string, unknown, string][] = [
      ["POST", "/api/v1/components", { name: "big-group", group_id: big }, "group_id"],
      ["POST", "/api/v1/incidents", { name: "big-component", component_id: big }, "component_id"],
      ["POST", "/api/v1/tokens", { user_id: big }, "user_id"],
      ["POST", "/api/v1/users", { email: "big-role@example.com", name: "big", role_id: big, password: "a-long-enough-password-1" }, "role_id"],
      ["POST", "/api/v1/menus", { name: "big-page", items: [{ label: "x", page_id: big }] }, "items.0.page_id"],
      ["PATCH", "/api/v1/settings", { public_role_id: big }, "public_role_id"],
    ];
    const failures: string[] = [];
    for (const [method, path, json, field] of bodies) {
      const res = await app.call(method, path, { headers: admin, json });
      if (res.status !== 400 || !res.body?.errors?.[field]) failures.push(`${method} ${path} → ${res.status} ${res.text.slice(0, 80)}`);
    }
    for (const path of [
      "/api/v1/components?group_id=99999999999",
      "/api/v1/incidents?component_id=99999999999",
      "/api/v1/tokens?user_id=99999999999",
      "/api/v1/audit?user_id=99999999999",
      "/api/v1/users?role_id=99999999999",
    ]) {
      const res = await app.call("GET", path, { headers: admin });
      if (res.status !== 200 && res.status !== 400) failures.push(`GET ${path} → ${res.status}`);
      else if (res.status === 200) assert.equal(res.body.count, 0, path);
    }
    assert.deepEqual(failures, [], `[${TEST_DB_KIND}] 5xx on out-of-range ids`);
  });

  // API.md §2: "A session cookie that is expired, tampered or belongs to a deactivated user is simply no
  // session (the request is anonymous or uses its header credentials); it is not a 401." — nor a 500.
  test("FINDING: a session cookie with bad percent-encoding is no session, not a 500", async () => {
    for (const cookie of ["next-auth.session-token=%zz", "next-auth.session-token.0=%E0%A4%A"]) {
      const pub = await app.call("GET", "/api/v1/components", { headers: { Cookie: cookie } });
      assert.equal(pub.status, 200, `${cookie}: ${pub.text}`);
      const self = await app.call("GET", "/api/v1/user/self", { headers: { Cookie: cookie } });
      assert.deepEqual([self.status, self.body], [401, { detail: NOT_PROVIDED }], cookie);
      // …and header credentials still work next to it.
      const withToken = await app.call("GET", "/api/v1/user/self", { headers: { Cookie: cookie, ...tokenHeader(app.adminToken) } });
      assert.equal(withToken.status, 200, cookie);
    }
  });

  // API.md §1: "unknown fields are a 400"; §2 errors table: validation → 400 `Validation failed.` +
  // errors. A JSON key that happens to name an Object.prototype member must be reported like any other.
  // Today the error mapper itself throws, so the route rejects (Next answers a bare 500). Reachable
  // without credentials through POST /api/v1/auth/token.
  test("FINDING: body keys named constructor / __proto__ / toString are a 400 Unknown field, not a crash", async () => {
    for (const key of ["constructor", "__proto__", "toString"]) {
      const body = `{"email":"a@example.com","password":"x","${key}":1}`;
      const res = await safeCall("POST", "/api/v1/auth/token", { headers: { "Content-Type": "application/json" }, body });
      assert.equal(res.status, 400, `${key}: ${res.status}`);
      assert.equal((res.body as any)?.detail, "Validation failed.");
      assert.deepEqual(Object.getOwnPropertyDescriptor((res.body as any).errors, key)?.value, ["Unknown field."], key);
    }
  });

  // API.md §3: "optional grace_seconds ≤ 86400 keeps it alive that long" and "A created or refreshed
  // token never exceeds the credential that made it: write flag, scopes ⊆, allowed IPs ⊆, expiry ≤."
  // The old key of a refreshed token is a credential that expires when its grace window ends.
  test("FINDING: a grace (pre-refresh) key cannot mint a token that outlives its grace window", async () => {
    const user = await seedUser({ role: "Editor" });
    const { id, key: oldKey } = await seedToken(user.id);
    const refreshed = await app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers: tokenHeader(oldKey), json: { grace_seconds: 3600 } });
    assert.equal(refreshed.status, 200);
    const graceEnd = Date.now() + 3600 * 1000;

    const inherited = await app.call("POST", "/api/v1/tokens", { headers: tokenHeader(oldKey), json: { description: "via grace key" } });
    if (inherited.status === 201) {
      assert.notEqual(inherited.body.expires_at, null, "a token minted by a grace key must expire with it");
      assert.ok(Date.parse(inherited.body.expires_at) <= graceEnd + 5000, `expires ${inherited.body.expires_at}`);
    } else {
      assert.equal(inherited.status, 403, inherited.text);
    }
    const forever = await app.call("POST", "/api/v1/tokens", { headers: tokenHeader(oldKey), json: { description: "forever", expires_at: null } });
    assert.equal(forever.status, 403, `a never-expiring token from a 1 h grace key: ${forever.status}`);
  });

  // Same rule (API.md §3 "expiry ≤"), plus "the old key fails from the moment the response is sent; optional
  // grace_seconds … keeps it alive that long": the grace is a courtesy for deploying the new key, not a
  // way for whoever holds the leaked old key to take the token over by refreshing it again.
  test("FINDING: a grace key cannot refresh its own token (which would kill the owner's new key)", async () => {
    const user = await seedUser({ role: "Editor" });
    const { id, key: oldKey } = await seedToken(user.id);
    const first = await app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers: tokenHeader(oldKey), json: { grace_seconds: 600 } });
    assert.equal(first.status, 200);
    const ownersNewKey: string = first.body.key;

    const hijack = await app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers: tokenHeader(oldKey), json: {} });
    assert.equal(hijack.status, 403, `refresh through the grace key answered ${hijack.status}`);
    assert.equal(hijack.body?.key, undefined);
    const owner = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(ownersNewKey) });
    assert.equal(owner.status, 200, "the key the owner got from the refresh must keep working");
  });

  // API.md §3: "Responses authenticated by a token that expires within 7 days carry `Token-Expires: <ISO
  // time>`." A grace key expires when its grace window ends (≤ 24 h).
  test("FINDING: responses authenticated by a grace key carry Token-Expires (the end of the grace window)", async () => {
    const user = await seedUser({ role: "Viewer" });
    const { id, key: oldKey } = await seedToken(user.id);
    const before = Date.now();
    const r = await app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers: tokenHeader(oldKey), json: { grace_seconds: 7200 } });
    assert.equal(r.status, 200);
    const res = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(oldKey) });
    assert.equal(res.status, 200);
    const header = res.headers.get("token-expires");
    assert.ok(header, "no Token-Expires on a key that dies in 2 hours");
    const at = Date.parse(header);
    assert.ok(at >= before + 7200_000 - 5000 && at <= Date.now() + 7200_000 + 5000, header);
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

  // API.md §2: "Two *different* keys in one request → 400 {"detail":"Conflicting credentials: …"}. The
  // same key repeated in two headers is fine." A repeated header reaches the app joined with ", "
  // (Node and fetch both do this for X-Api-Key / X-Cachet-Token / api-key).
  test("FINDING: a repeated X-Api-Key header: two different keys are a 400 conflict, the same key twice is fine", async () => {
    const a = await seedUser();
    const b = await seedUser();
    const ka = await seedToken(a.id);
    const kb = await seedToken(b.id);
    const route = "../../app/api/v1/user/self/route.ts";
    const different = await rawGet(route, "/api/v1/user/self", [["x-api-key", ka.key], ["x-api-key", kb.key]]);
    assert.deepEqual([different.status, different.body], [400, { detail: CONFLICT }]);
    const same = await rawGet(route, "/api/v1/user/self", [["x-api-key", ka.key], ["x-api-key", ka.key]]);
    assert.equal(same.status, 200, JSON.stringify(same.body));
    assert.equal(same.body.user.email, a.email);
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

  // ───────────────────────────── GUARDS (pass today) ─────────────────────────────

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

  test("GUARD: odd but legal header forms authenticate; odd illegal ones are exact 401s that never echo the value", async () => {
    const user = await seedUser();
    const { key } = await seedToken(user.id);
    for (const headers of <Record<string, string>[]>[
      { Authorization: `  tOkEn    ${key}   ` },
      { Authorization: `BEARER\t${key}` },
      { "X-API-KEY": `  ${key}` },
      { "API-Key": key },
      { Authorization: `Token ${key}`, "X-Cachet-Token": key, "api-key": key },
    ]) {
      const res = await app.call("GET", "/api/v1/user/self", { headers });
      assert.equal(res.status, 200, JSON.stringify(headers));
      assert.equal(res.body.user.email, user.email);
    }
    const unpadded = Buffer.from(`${user.email}:${user.password}`).toString("base64").replace(/=+$/, "");
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: { Authorization: `basic ${unpadded}` } })).status, 200);

    for (const longKey of ["a".repeat(200), "b".repeat(20_000)]) {
      const res = await app.call("GET", "/api/v1/components", { headers: { Authorization: `Token ${longKey}` }, ip: "198.51.100.61" });
      assert.deepEqual([res.status, res.body], [401, { detail: "Invalid token." }]);
      assert.ok(!res.text.includes(longKey.slice(0, 40)));
    }
    const cases: [Record<string, string>, number, string][] = [
      [{ Authorization: "Basic " + Buffer.from(`${user.email}:`).toString("base64") }, 401, "Invalid username/password."],
      [{ Authorization: "Basic " + Buffer.from(`:${user.password}`).toString("base64") }, 401, "Invalid username/password."],
      [{ Authorization: "Basic " + Buffer.from(`${user.email}`).toString("base64") }, 401, "Invalid basic header. Credentials not correctly base64 encoded."],
      [{ Authorization: "Basic" }, 401, "Invalid basic header. No credentials provided."],
      [{ Authorization: "Bearer" }, 401, "Invalid token header. No credentials provided."],
      [{ "X-Api-Key": `${key}\u00e9` }, 401, "Invalid token header. Token string should not contain invalid characters."],
    ];
    for (const [headers, status, detail] of cases) {
      const res = await app.call("GET", "/api/v1/components", { headers, ip: "198.51.100.62" });
      assert.deepEqual([res.status, res.body], [status, { detail }], JSON.stringify(headers));
      assert.ok(!res.text.includes(user.password) && !res.text.includes(key));
      assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer realm="api"/);
    }
  });

  test("GUARD: anonymous requests never see or write private data, whatever the public role grants", async () => {
    const admin = tokenHeader(app.adminToken);
    const mk = async (path: string, json: unknown) => {
      const res = await app.call("POST", path, { headers: admin, json });
      assert.equal(res.status, 201, `${path}: ${res.text}`);
      return res.body.id as number;
    };
    const comp = await mk("/api/v1/components", { name: "secret-disabled", enabled: false });
    const group = await mk("/api/v1/components/groups", { name: "secret-hidden", visible: false });
    const incident = await mk("/api/v1/incidents", { name: "secret-hidden-incident", visible: false });
    const page = await mk("/api/v1/pages", { title: "Draft", slug: `draft-${Date.now()}`, published: false });
    const sub = await mk("/api/v1/subscribers", { email: `sub-${Date.now()}@example.com` });
    const everything = await seedRole(`Everything ${Date.now()}`, ALL_PERMISSIONS);
    try {
      for (const role of ["Admin", "Editor", "Viewer", "Public", everything] as const) {
        if (typeof role === "number") await db.settings.update({ where: { id: 1 }, data: { publicRoleId: role } });
        else await setPublicRole(role);
        for (const path of ["/api/v1/subscribers", `/api/v1/subscribers/${sub}`, "/api/v1/users", "/api/v1/users/1", "/api/v1/tokens", "/api/v1/tokens/1", "/api/v1/tokens/self", "/api/v1/roles", "/api/v1/roles/1", "/api/v1/settings", "/api/v1/audit", "/api/v1/user/self"]) {
          const res = await app.call("GET", path);
          assert.deepEqual([res.status, res.body], [401, { detail: NOT_PROVIDED }], `${role} ${path}`);
        }
        for (const path of [`/api/v1/components/${comp}`, `/api/v1/components/groups/${group}`, `/api/v1/incidents/${incident}`, `/api/v1/incidents/${incident}/updates`, `/api/v1/pages/${page}`]) {
          const res = await app.call("GET", path);
          assert.deepEqual([res.status, res.body], [404, { detail: "Not found." }], `${role} ${path}`);
        }
        for (const [path, name] of [["/api/v1/components?enabled=false", "secret-disabled"], ["/api/v1/components/groups?visible=false", "secret-hidden"], ["/api/v1/incidents?visible=false", "secret-hidden-incident"], ["/api/v1/pages?published=false", "Draft"]]) {
          const res = await app.call("GET", path);
          assert.equal(res.status, 200, `${role} ${path}`);
          assert.ok(!res.text.includes(name), `${role} ${path} leaks ${name}`);
        }
        for (const [method, path] of [["POST", "/api/v1/components"], ["PATCH", `/api/v1/components/${comp}`], ["DELETE", `/api/v1/pages/${page}`], ["POST", "/api/v1/tokens"], ["POST", "/api/v1/subscribers"]]) {
          const res = await app.call(method, path, { json: method === "DELETE" ? undefined : { name: "anon" } });
          assert.equal(res.status, 401, `${role} ${method} ${path}`);
        }
      }
    } finally {
      await setPublicRole("Public");
    }
  });

  test("GUARD: pagination and id edge cases", async () => {
    let res = await app.call("GET", "/api/v1/components?limit=01&q=x");
    assert.equal(res.status, 200);
    res = await app.call("GET", "/api/v1/components?limit=0&offset=3000000000");
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.results, []);
    assert.equal(res.body.next, null);
    assert.match(res.body.previous, /^http:\/\/beacon\.test\/api\/v1\/components\?limit=1000$/);
    for (const q of ["offset=1e3", "offset=-1", "limit=abc", "limit=5.0", "limit=%2B5"]) {
      res = await app.call("GET", `/api/v1/components?${q}`);
      assert.equal(res.status, 400, q);
      assert.ok(res.body.errors[q.split("=")[0]], q);
    }
    for (const path of ["/api/v1/components/0", "/api/v1/components/-1", "/api/v1/components/1e3", "/api/v1/components/99999999999", "/api/v1/tokens/abc"]) {
      res = await app.call("GET", path, { headers: tokenHeader(app.adminToken) });
      assert.deepEqual([res.status, res.body], [404, { detail: "Not found." }], path);
    }
  });

  test("GUARD: 405 with Allow on known nested routes, 404 on unknown ones (every method)", async () => {
    const admin = tokenHeader(app.adminToken);
    const cases: [string, string, number, string | null][] = [
      ["GET", "/api/v1/tokens/1/refresh", 405, "POST, OPTIONS"],
      ["PUT", "/api/v1/tokens/self", 405, "GET, DELETE, HEAD, OPTIONS"],
      ["GET", "/api/v1/tokens/revoke", 405, "POST, OPTIONS"],
      ["DELETE", "/api/v1/auth/token", 405, "POST, OPTIONS"],
      ["GET", "/api/v1/incidents/1/updates/1/x", 404, null],
      ["POST", "/api/v1/user/self/x", 404, null],
      ["GET", "/api/v1/user", 404, null],
      ["GET", "/api/nope/", 404, null],
    ];
    for (const [method, path, status, allow] of cases) {
      const res = await app.call(method, path, { headers: admin });
      assert.equal(res.status, status, `${method} ${path}`);
      if (status === 405) {
        assert.deepEqual(res.body, { detail: `Method "${method}" not allowed.` });
        assert.equal(res.headers.get("allow"), allow, `${method} ${path}`);
      } else assert.deepEqual(res.body, { detail: "Not found." });
    }
  });

  test("GUARD: request bodies — non-objects, media types and the 1 MiB boundary", async () => {
    const admin = tokenHeader(app.adminToken);
    for (const body of ["null", "[]", "5", '"x"', "true"]) {
      const res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "application/json" }, body });
      assert.equal(res.status, 400, body);
      assert.equal(res.body.detail, "Validation failed.");
    }
    for (const type of ["APPLICATION/JSON ; charset=UTF-8", "application/json;", "application/vnd.beacon+JSON"]) {
      const res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": type }, body: `{"name":"ct ${type}"}` });
      assert.equal(res.status, 201, type);
    }
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/jsonx", "multipart/form-data; boundary=x"]) {
      const res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": type }, body: '{"name":"x"}' });
      assert.deepEqual([res.status, res.body], [415, { detail: `Unsupported media type "${type.split(";")[0]}" in request.` }], type);
    }
    const exactly = `{"name":"${"a".repeat(1024 * 1024 - 11)}"}`;
    assert.equal(Buffer.byteLength(exactly), 1024 * 1024);
    let res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "application/json" }, body: exactly });
    assert.equal(res.status, 400, "exactly 1 MiB is read (and then fails validation), not a 413");
    assert.ok(res.body.errors.name);
    res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "application/json" }, body: exactly + " " });
    assert.deepEqual([res.status, res.body], [413, { detail: "Request body exceeds 1 MiB." }]);
    res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "application/json" }, body: '{"name":' });
    assert.deepEqual([res.status, res.body], [400, { detail: "JSON parse error." }]);
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

  test("GUARD: HEAD and OPTIONS validate presented credentials; a CORS preflight does not", async () => {
    let res = await app.call("HEAD", "/api/v1/components", { headers: { "X-Api-Key": "nope" }, ip: "198.51.100.64" });
    assert.equal(res.status, 401);
    assert.equal(res.text, "");
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="api", error="invalid_token"');
    res = await app.call("OPTIONS", "/api/v1/components", { headers: { Authorization: "Basic ***" } });
    assert.equal(res.status, 401);
    res = await app.call("OPTIONS", "/api/v1/components", { headers: { Origin: "https://x.example", "Access-Control-Request-Method": "POST", "X-Api-Key": "nope" } });
    assert.equal(res.status, 204, "a preflight is answered without authentication");
  });
});
