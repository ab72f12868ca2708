// /api/v1/subscribers: never public, whatever the public role; CRUD, unique e-mails, filters, validation.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedRole, seedToken, seedUser, setPublicRole, uniqueEmail } from "../helpers/fixtures.ts";
import { SubscriberOut } from "../../lib/validation/subscribers.ts";

let app: TestApp;
let admin: Record<string, string>;
const BASE = "/api/v1/subscribers";
const NOT_PROVIDED = { detail: "Authentication credentials were not provided." };

async function tokenFor(role: string, options: { writeEnabled?: boolean } = {}) {
  const user = await seedUser({ role });
  return tokenHeader((await seedToken(user.id, options)).key);
}

async function makeSubscriber(fields: Record<string, unknown> = {}) {
  const res = await app.call("POST", BASE, { headers: admin, json: { email: uniqueEmail("sub"), ...fields } });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describeDb("subscribers API", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("create, read, list, PATCH, PUT and DELETE; e-mails are stored lower-cased", async () => {
    const email = uniqueEmail("Mixed").replace("mixed", "MiXeD");
    let res = await app.call("POST", BASE, { headers: admin, json: { email: `  ${email}  ` } });
    assert.equal(res.status, 201, res.text);
    const subscriber = res.body;
    SubscriberOut.parse(subscriber);
    assert.deepEqual(Object.keys(subscriber).sort(), ["created_at", "email", "id", "updated_at", "verified_at"]);
    assert.deepEqual([subscriber.email, subscriber.verified_at], [email.toLowerCase(), null]);

    res = await app.call("GET", `${BASE}/${subscriber.id}`, { headers: admin });
    assert.deepEqual([res.status, res.body], [200, subscriber]);

    res = await app.call("PATCH", `${BASE}/${subscriber.id}`, { headers: admin, json: { verified_at: "2026-11-22T10:00:00Z" } });
    assert.deepEqual([res.status, res.body.verified_at, res.body.email], [200, "2026-11-22T10:00:00.000Z", email.toLowerCase()]);

    const other = uniqueEmail("other");
    res = await app.call("PUT", `${BASE}/${subscriber.id}`, { headers: admin, json: { email: other } });
    assert.deepEqual([res.status, res.body.email, res.body.verified_at], [200, other, null], "PUT resets verified_at");

    res = await app.call("GET", `${BASE}?email=${encodeURIComponent(other.toUpperCase())}`, { headers: admin });
    assert.deepEqual(res.body.results.map((s: { id: number }) => s.id), [subscriber.id]);

    assert.equal((await app.call("DELETE", `${BASE}/${subscriber.id}`, { headers: admin })).status, 204);
    assert.equal((await app.call("GET", `${BASE}/${subscriber.id}`, { headers: admin })).status, 404);
  });

  test("a taken e-mail is a 409, whatever its case, on create and on change", async () => {
    const first = await makeSubscriber();
    const conflict = { detail: "Conflict.", errors: { email: ["A subscriber with this e-mail already exists."] } };
    let res = await app.call("POST", BASE, { headers: admin, json: { email: first.email.toUpperCase() } });
    assert.deepEqual([res.status, res.body], [409, conflict]);
    const second = await makeSubscriber();
    res = await app.call("PATCH", `${BASE}/${second.id}`, { headers: admin, json: { email: first.email } });
    assert.deepEqual([res.status, res.body], [409, conflict]);
    res = await app.call("PUT", `${BASE}/${second.id}`, { headers: admin, json: { email: first.email } });
    assert.deepEqual([res.status, res.body], [409, conflict]);
    // Re-saving one's own e-mail is no conflict.
    res = await app.call("PATCH", `${BASE}/${first.id}`, { headers: admin, json: { email: first.email } });
    assert.equal(res.status, 200);
  });

  test("never public: anonymous is 401 on every method, even when the public role is Admin", async () => {
    const subscriber = await makeSubscriber();
    const requests: [string, string, unknown][] = [
      ["GET", BASE, undefined],
      ["HEAD", BASE, undefined],
      ["GET", `${BASE}/${subscriber.id}`, undefined],
      ["POST", BASE, { email: uniqueEmail() }],
      ["PATCH", `${BASE}/${subscriber.id}`, { verified_at: null }],
      ["PUT", `${BASE}/${subscriber.id}`, { email: uniqueEmail() }],
      ["DELETE", `${BASE}/${subscriber.id}`, undefined],
      ["GET", `${BASE}/999999`, undefined],
    ];
    for (const role of ["Public", "Admin", "Editor", "Viewer", null]) {
      await setPublicRole(role);
      try {
        for (const [method, path, json] of requests) {
          const res = await app.call(method, path, { json });
          assert.equal(res.status, 401, `public role ${role}: ${method} ${path}`);
          if (method !== "HEAD") assert.deepEqual(res.body, NOT_PROVIDED);
          assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="api"');
        }
      } finally {
        await setPublicRole("Public");
      }
    }
    assert.equal((await app.call("GET", `${BASE}/${subscriber.id}`, { headers: admin })).status, 200, "nothing was changed");
  });

  test("permissions: read-only token, Viewer, Editor, Admin", async () => {
    const subscriber = await makeSubscriber();
    const writes: [string, string, unknown][] = [
      ["POST", BASE, { email: uniqueEmail() }],
      ["PATCH", `${BASE}/${subscriber.id}`, { verified_at: "2026-01-01T00:00:00Z" }],
      ["PUT", `${BASE}/${subscriber.id}`, { email: subscriber.email }],
    ];
    const readOnly = await tokenFor("Editor", { writeEnabled: false });
    assert.equal((await app.call("GET", BASE, { headers: readOnly })).status, 200);
    for (const [method, path, json] of writes) {
      const res = await app.call(method, path, { headers: readOnly, json });
      assert.deepEqual([res.status, res.body], [403, { detail: "This token does not permit write operations." }]);
    }
    const viewer = await tokenFor("Viewer");
    assert.equal((await app.call("GET", `${BASE}/${subscriber.id}`, { headers: viewer })).status, 200);
    for (const [method, path, json] of [...writes, ["DELETE", `${BASE}/${subscriber.id}`, undefined] as [string, string, unknown]]) {
      const res = await app.call(method, path, { headers: viewer, json });
      assert.deepEqual([res.status, res.body], [403, { detail: "You do not have permission to perform this action." }]);
    }
    for (const role of ["Editor", "Admin"]) {
      const headers = await tokenFor(role);
      for (const [method, path, json] of writes) {
        const body = method === "POST" ? { email: uniqueEmail() } : json;
        const res = await app.call(method, path, { headers, json: body });
        assert.ok([200, 201].includes(res.status), `${role} ${method}: ${res.text}`);
      }
    }
    const editor = await tokenFor("Editor");
    assert.equal((await app.call("DELETE", `${BASE}/${subscriber.id}`, { headers: editor })).status, 204);
    // A signed-in user whose role lacks subscribers:read is refused with a 403.
    const user = await seedUser({ roleId: await seedRole(`No subscribers ${Date.now()}`, ["components:read"]) });
    const res = await app.call("GET", BASE, { headers: tokenHeader((await seedToken(user.id)).key) });
    assert.deepEqual([res.status, res.body], [403, { detail: "You do not have permission to perform this action." }]);
  });

  test("filters q and verified, ordering and pagination", async () => {
    const tag = `flt${Date.now().toString(36)}`;
    const a = await makeSubscriber({ email: `${tag}-a@example.com`, verified_at: "2026-01-01T00:00:00Z" });
    const b = await makeSubscriber({ email: `${tag}-b@example.org` });
    const c = await makeSubscriber({ email: `${tag}-c@example.com`, verified_at: "2026-02-01T00:00:00+01:00" });
    const ids = async (query: string) => {
      const res = await app.call("GET", `${BASE}?${query}`, { headers: admin });
      assert.equal(res.status, 200, res.text);
      return res.body.results.map((s: { id: number }) => s.id);
    };
    assert.deepEqual(await ids(`q=${tag}`), [a.id, b.id, c.id]);
    assert.deepEqual(await ids(`q=${tag.toUpperCase()}&verified=true`), [a.id, c.id]);
    assert.deepEqual(await ids(`q=${tag}&verified=false`), [b.id]);
    assert.deepEqual(await ids(`q=${tag}-b@example.ORG`), [b.id]);
    assert.deepEqual(await ids(`q=${tag}&ordering=-email`), [c.id, b.id, a.id]);

    let res = await app.call("GET", `${BASE}?q=${tag}&limit=1`, { headers: admin });
    assert.deepEqual([res.body.count, res.body.results.length, res.body.previous], [3, 1, null]);
    assert.match(res.body.next, /limit=1&offset=1/);
    res = await app.call("GET", `${BASE}?q=${tag}&offset=99`, { headers: admin });
    assert.deepEqual([res.status, res.body.results, res.body.next], [200, [], null]);
    res = await app.call("GET", `${BASE}?q=${tag}&limit=0&offset=1`, { headers: admin });
    assert.deepEqual([res.body.results.length, res.body.next], [2, null]);
    assert.match(res.body.previous, /limit=1000/);
    res = await app.call("GET", `${BASE}?q=${tag}&limit=100000&offset=2`, { headers: admin });
    assert.match(res.body.previous, /limit=1000/);
    for (const query of ["limit=-1", "limit=abc", "verified=perhaps", "ordering=verified_at"]) {
      res = await app.call("GET", `${BASE}?${query}`, { headers: admin });
      assert.equal(res.status, 400, query);
      assert.deepEqual(Object.keys(res.body.errors), [query.split("=")[0]]);
    }
  });

  test("validation: bad e-mail, missing, too long, unknown field, bad date; bodies", async () => {
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ email: "not-an-email" }, "email", "Enter a valid e-mail address."],
      [{ email: "a@b" }, "email"],
      [{ email: "two@at@example.com" }, "email"],
      [{ email: `${"x".repeat(250)}@example.com` }, "email", "Ensure this field has no more than 254 characters."],
      [{}, "email", "This field is required."],
      [{ email: 42 }, "email"],
      [{ email: uniqueEmail(), name: "Ann" }, "name", "Unknown field."],
      [{ email: uniqueEmail(), verified_at: "last tuesday" }, "verified_at"],
    ];
    for (const [json, field, message] of cases) {
      const res = await app.call("POST", BASE, { headers: admin, json });
      assert.equal(res.status, 400, JSON.stringify(json));
      assert.deepEqual(Object.keys(res.body.errors), [field], JSON.stringify(res.body));
      if (message) assert.deepEqual(res.body.errors[field], [message]);
    }
    let res = await app.call("POST", BASE, { headers: { ...admin, "Content-Type": "application/json" }, body: '{"email": "a@b.c",}' });
    assert.deepEqual([res.status, res.body], [400, { detail: "JSON parse error." }]);
    res = await app.call("POST", BASE, { headers: { ...admin, "Content-Type": "text/plain" }, body: "a@b.c" });
    assert.deepEqual([res.status, res.body], [415, { detail: 'Unsupported media type "text/plain" in request.' }]);
    res = await app.call("POST", BASE, { headers: admin, json: { email: "a@b.c", pad: "x".repeat(1024 * 1024) } });
    assert.equal(res.status, 413);
  });
});
