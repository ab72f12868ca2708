// Malformed or out-of-range input of any kind is API.md's exact 4xx (or "no match"), never a 500: huge
// offsets and ids, broken cookies, prototype-named keys, dates outside 0001–9999, NUL characters.
// (Moved unchanged from the review files: FINDING/GUARD say what each test was when it was written.)
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { basic, describeDb, testApp, tokenHeader, type CallResult, type TestApp } from "../helpers/app.ts";
import { seedUser } from "../helpers/fixtures.ts";
import { TEST_DB_KIND } from "../helpers/database.ts";
import { db } from "../../lib/db.ts";

let app: TestApp;

const NOT_PROVIDED = "Authentication credentials were not provided.";

let seq = 0;
const unique = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${++seq}`;

type Loose = { status: number | string; body: any; text: string };

/** A call whose failure mode (a rejected handler) is a visible status instead of a thrown error. */
async function safeCall(method: string, path: string, options: Parameters<TestApp["call"]>[2] = {}): Promise<Loose> {
  try {
    const res: CallResult = await app.call(method, path, options);
    return { status: res.status, body: res.body, text: res.text };
  } catch (err) {
    return { status: `threw: ${(err as Error).message.split("\n").slice(0, 2).join(" ").slice(0, 160)}`, body: null, text: "" };
  }
}

describeDb("bad input is never a 500", () => {
  before(async () => {
    app = await testApp();
  });

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
});
