// A session-cookie write from another origin is refused with API.md's CSRF 403, which tells the caller
// why, rather than a 401 that pretends no credentials came. Cookies stay ignored on cross-origin reads,
// and header credentials stay exempt from CSRF.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ORIGIN, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { sessionCookie } from "../helpers/session.ts";

let app: TestApp;

const CSRF = { detail: "CSRF Failed: Origin checking failed." };
const NOT_PROVIDED = { detail: "Authentication credentials were not provided." };

describeDb("CSRF on cross-origin cookie writes", () => {
  before(async () => {
    app = await testApp();
  });

  test("a cookie write from another origin (or an opaque one) is 403 CSRF Failed, for every unsafe method", async () => {
    const user = await seedUser({ role: "Editor" });
    const cookie = await sessionCookie(user.id);
    for (const origin of ["http://evil.test", "null", "https://beacon.test", "http://beacon.test:8080"]) {
      const res = await app.call("POST", "/api/v1/components", { headers: { Cookie: cookie, Origin: origin }, json: { name: "csrf" } });
      assert.deepEqual([res.status, res.body], [403, CSRF], origin);
    }
    const { id } = (await app.call("POST", "/api/v1/components", { headers: { Cookie: cookie, Origin: ORIGIN }, json: { name: "mine" } })).body;
    for (const method of ["PATCH", "PUT", "DELETE"]) {
      const res = await app.call(method, `/api/v1/components/${id}`, { headers: { Cookie: cookie, Origin: "http://evil.test" }, json: method === "DELETE" ? undefined : { name: "x" } });
      assert.deepEqual([res.status, res.body], [403, CSRF], method);
    }
    assert.equal((await app.call("GET", `/api/v1/components/${id}`, { headers: tokenHeader((await seedToken(user.id)).key) })).body.name, "mine");
  });

  test("CSRF comes before the permission check, as for a same-site request without Origin", async () => {
    const viewer = await seedUser({ role: "Viewer" });
    const res = await app.call("POST", "/api/v1/roles", { headers: { Cookie: await sessionCookie(viewer.id), Origin: "http://evil.test" }, json: { name: "x" } });
    assert.deepEqual([res.status, res.body], [403, CSRF]);
  });

  test("cookies are still ignored on cross-origin reads; a dead cookie is no session, so no CSRF story", async () => {
    const user = await seedUser({ role: "Editor" });
    const read = await app.call("GET", "/api/v1/user/self", { headers: { Cookie: await sessionCookie(user.id), Origin: "http://evil.test" } });
    assert.deepEqual([read.status, read.body], [401, NOT_PROVIDED]);
    const dead = await app.call("POST", "/api/v1/components", { headers: { Cookie: await sessionCookie(user.id, { maxAge: -10 }), Origin: "http://evil.test" }, json: { name: "x" } });
    assert.deepEqual([dead.status, dead.body], [401, NOT_PROVIDED]);
  });

  test("header credentials next to the cookie are exempt from CSRF, from any origin", async () => {
    const user = await seedUser({ role: "Editor" });
    const { key } = await seedToken(user.id);
    const res = await app.call("POST", "/api/v1/components", { headers: { Cookie: await sessionCookie(user.id), Origin: "http://evil.test", ...tokenHeader(key) }, json: { name: "by token" } });
    assert.equal(res.status, 201);
  });
});
