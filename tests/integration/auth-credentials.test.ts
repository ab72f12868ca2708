// Every credential form of API.md §2 and every row of its error table, through the real handlers.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ORIGIN, basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";
import { generateKey } from "../../lib/auth/keys.ts";

let app: TestApp;

const CONFLICT = "Conflicting credentials: send one of Authorization, X-Api-Key, X-Cachet-Token or api-key.";

/** Sends a request whose headers may repeat (the harness takes a plain object), straight to a route file. */
async function rawGet(routeModule: string, path: string, headerPairs: [string, string][]): Promise<{ status: number; body: any }> {
  const mod = (await import(routeModule)) as Record<string, (req: Request, ctx: unknown) => Promise<Response>>;
  const headers = new Headers([["host", "beacon.test"], ["x-beacon-client-ip", "192.0.2.10"], ...headerPairs]);
  const res = await mod.GET(new Request(new URL(path, ORIGIN), { headers }), { params: Promise.resolve({}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describeDb("credentials", () => {
  before(async () => {
    app = await testApp();
  });

  test("each of the five token headers authenticates, and /user/self says how", async () => {
    const user = await seedUser({ role: "Editor" });
    const { key } = await seedToken(user.id, { description: "ci" });
    for (const headers of <Record<string, string>[]>[
      { Authorization: `Token ${key}` },
      { Authorization: `bearer ${key}` },
      { "X-Api-Key": key },
      { "X-Cachet-Token": key },
      { "api-key": key },
    ]) {
      const res = await app.call("GET", "/api/v1/user/self", { headers });
      assert.equal(res.status, 200, JSON.stringify(headers));
      assert.equal(res.body.user.email, user.email);
      assert.equal(res.body.authentication, "token");
      assert.equal(res.body.token.description, "ci");
      assert.ok(res.body.permissions.includes("components:write"));
      assert.ok(!res.text.includes(key), "the key is never echoed");
    }
  });

  test("Basic email:password authenticates (e-mail case-insensitive)", async () => {
    const user = await seedUser({ role: "Viewer" });
    const res = await app.call("GET", "/api/v1/user/self", { headers: basic(user.email.toUpperCase(), user.password) });
    assert.equal(res.status, 200);
    assert.equal(res.body.authentication, "basic");
    assert.equal(res.body.token, null);
    assert.equal(res.body.user.role, "Viewer");
  });

  test("Cachet's example works verbatim: Basic + JSON creates a component", async () => {
    const res = await app.call("POST", "/api/v1/components", {
      headers: { ...basic(app.adminEmail, app.adminPassword), "Content-Type": "application/json" },
      body: '{"name":"API","description":"An example description","status":1}',
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.name, "API");
    assert.equal(res.body.status_name, "Operational");
  });

  test("Cachet's X-Cachet-Token example with `application/json;` works", async () => {
    const res = await app.call("POST", "/api/v1/components", {
      headers: { "X-Cachet-Token": app.adminToken, "Content-Type": "application/json;" },
      body: '{"name":"API","description":"An example description","status":1}',
    });
    assert.equal(res.status, 201);
  });

  test("no credentials where they are needed: 401 with WWW-Authenticate Bearer, never Basic", async () => {
    const res = await app.call("GET", "/api/v1/user/self");
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, { detail: "Authentication credentials were not provided." });
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="api"');
  });

  test("unknown keys of any shape are `Invalid token.` with error=invalid_token", async () => {
    const forged = generateKey();
    const badChecksum = forged.slice(0, 39) + (forged[39] === "0" ? "1" : "0");
    for (const key of [forged, badChecksum, "d2f763479f703d80de0ec15254237bc651f9cdc0", "foobar"]) {
      const res = await app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": key }, ip: "198.51.100.200" });
      assert.equal(res.status, 401, key);
      assert.deepEqual(res.body, { detail: "Invalid token." });
      assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="api", error="invalid_token"');
      assert.ok(!res.text.includes(key));
    }
  });

  test("a presented credential is validated even on a public GET", async () => {
    const res = await app.call("GET", "/api/v1/components", { headers: basic(app.adminEmail, "wrong") });
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, { detail: "Invalid username/password." });
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="api"');
  });

  test("malformed headers get their exact 401s", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ Authorization: "Token" }, "Invalid token header. No credentials provided."],
      [{ Authorization: "Bearer a b" }, "Invalid token header. Token string should not contain spaces."],
      [{ "X-Api-Key": "bad\u00ffkey" }, "Invalid token header. Token string should not contain invalid characters."],
      [{ Authorization: "Basic ***" }, "Invalid basic header. Credentials not correctly base64 encoded."],
    ];
    for (const [headers, detail] of cases) {
      const res = await app.call("GET", "/api/v1/components", { headers });
      assert.equal(res.status, 401, detail);
      assert.deepEqual(res.body, { detail });
    }
  });

  test("expired, disabled and inactive-user tokens", async () => {
    const user = await seedUser();
    const expired = await seedToken(user.id, { expiresAt: new Date(Date.now() - 1000) });
    let res = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(expired.key) });
    assert.deepEqual([res.status, res.body], [401, { detail: "Token expired." }]);

    const disabled = await seedToken(user.id);
    await db.apiToken.update({ where: { id: disabled.id }, data: { enabled: false } });
    res = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(disabled.key) });
    assert.deepEqual([res.status, res.body], [401, { detail: "Token disabled." }]);

    const gone = await seedUser();
    const goneToken = await seedToken(gone.id);
    await db.user.update({ where: { id: gone.id }, data: { active: false } });
    res = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(goneToken.key) });
    assert.deepEqual([res.status, res.body], [401, { detail: "User inactive or deleted." }]);
    res = await app.call("GET", "/api/v1/user/self", { headers: basic(gone.email, gone.password) });
    assert.deepEqual([res.status, res.body], [401, { detail: "User inactive or deleted." }]);
  });

  test("a token that expires within 7 days announces it in Token-Expires", async () => {
    const user = await seedUser();
    const soon = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    const { key } = await seedToken(user.id, { expiresAt: soon });
    const res = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(key) });
    assert.equal(res.headers.get("token-expires"), soon.toISOString());
    const later = await seedToken(user.id, { expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000) });
    const res2 = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(later.key) });
    assert.equal(res2.headers.get("token-expires"), null);
  });

  test("allowed source IPs (IPv4 and IPv6)", async () => {
    const user = await seedUser();
    const { key } = await seedToken(user.id, { allowedIps: ["192.0.2.0/24", "2001:db8::/32"] });
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(key), ip: "192.0.2.55" })).status, 200);
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(key), ip: "2001:db8::9" })).status, 200);
    const res = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(key), ip: "203.0.113.9" });
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { detail: "Source IP 203.0.113.9 is not permitted to authenticate using this token." });
  });

  test("a read-only token reads but cannot write", async () => {
    const user = await seedUser({ role: "Editor" });
    const { key } = await seedToken(user.id, { writeEnabled: false });
    assert.equal((await app.call("GET", "/api/v1/components", { headers: tokenHeader(key) })).status, 200);
    const res = await app.call("POST", "/api/v1/components", { headers: tokenHeader(key), json: { name: "x" } });
    assert.deepEqual([res.status, res.body], [403, { detail: "This token does not permit write operations." }]);
    const self = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(key) });
    assert.ok(!self.body.permissions.some((p: string) => p.endsWith(":write")));
  });

  test("token scopes narrow the user's permissions", async () => {
    const user = await seedUser({ role: "Editor" });
    const { key } = await seedToken(user.id, { scopes: ["components:read"] });
    assert.equal((await app.call("GET", "/api/v1/components", { headers: tokenHeader(key) })).status, 200);
    const res = await app.call("POST", "/api/v1/components", { headers: tokenHeader(key), json: { name: "x" } });
    assert.deepEqual([res.status, res.body], [403, { detail: "You do not have permission to perform this action." }]);
  });

  test("conflicting credentials and tokens in the URL are 400s", async () => {
    const a = await seedUser();
    const b = await seedUser();
    const ka = await seedToken(a.id);
    const kb = await seedToken(b.id);
    let res = await app.call("GET", "/api/v1/user/self", { headers: { Authorization: `Token ${ka.key}`, "X-Api-Key": kb.key } });
    assert.deepEqual([res.status, res.body], [400, { detail: "Conflicting credentials: send one of Authorization, X-Api-Key, X-Cachet-Token or api-key." }]);
    res = await app.call("GET", "/api/v1/user/self", { headers: { Authorization: `Token ${ka.key}`, "X-Api-Key": ka.key, "api-key": ka.key } });
    assert.equal(res.status, 200);
    res = await app.call("GET", `/api/v1/components?api_key=${ka.key}`);
    assert.deepEqual([res.status, res.body], [400, { detail: "Tokens are not accepted in the URL; send an X-Api-Key or Authorization header." }]);
    assert.ok(!res.text.includes(ka.key));
  });

  test("a key with Basic credentials: both are checked and must name the same user", async () => {
    const a = await seedUser();
    const b = await seedUser();
    const ka = await seedToken(a.id, { writeEnabled: false });
    let res = await app.call("GET", "/api/v1/user/self", { headers: { "X-Api-Key": ka.key, ...basic(a.email, a.password) } });
    assert.equal(res.status, 200);
    assert.equal(res.body.authentication, "token");
    assert.equal(res.body.token.write_enabled, false, "the token's limits apply");
    res = await app.call("GET", "/api/v1/user/self", { headers: { "X-Api-Key": ka.key, ...basic(b.email, b.password) } });
    assert.equal(res.status, 400);
    res = await app.call("GET", "/api/v1/user/self", { headers: { "X-Api-Key": ka.key, ...basic(a.email, "wrong") } });
    assert.deepEqual([res.status, res.body], [401, { detail: "Invalid username/password." }]);
  });

  test("OPTIONS authenticates presented credentials and otherwise answers Allow", async () => {
    const bad = await app.call("OPTIONS", "/api/v1/user/self", { headers: { "X-Api-Key": "foobar" } });
    assert.deepEqual([bad.status, bad.body], [401, { detail: "Invalid token." }]);
    const wrongPw = await app.call("OPTIONS", "/api/v1/user/self", { headers: basic("example", "wrongpassword") });
    assert.deepEqual([wrongPw.status, wrongPw.body], [401, { detail: "Invalid username/password." }]);
    const res = await app.call("OPTIONS", "/api/v1/components");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("allow"), "GET, POST, HEAD, OPTIONS");
  });

  test("the token table holds no plaintext key", async () => {
    const user = await seedUser();
    const keys = [];
    for (let i = 0; i < 3; i++) keys.push((await seedToken(user.id)).key);
    const rows = await db.apiToken.findMany({ omit: { digest: false, previousDigest: false } });
    const dump = JSON.stringify(rows);
    for (const key of [...keys, app.adminToken]) {
      assert.ok(!dump.includes(key), "plaintext key found in api_tokens");
      assert.ok(!dump.includes(key.slice(8, 30)), "a long piece of a key found in api_tokens");
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
