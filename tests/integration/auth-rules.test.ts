// Sessions and CSRF, precedence, roles and the public API role, CORS (API.md §2 and §4).
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ORIGIN, basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedRole, seedToken, seedUser, setPublicRole } from "../helpers/fixtures.ts";
import { sessionCookie } from "../helpers/session.ts";
import { db } from "../../lib/db.ts";
import { ALL_PERMISSIONS } from "../../lib/auth/permissions.ts";

let app: TestApp;

const NOT_PROVIDED = "Authentication credentials were not provided.";

describeDb("sessions, CSRF, roles, public role, CORS", () => {
  before(async () => {
    app = await testApp();
  });

  test("the session cookie authenticates the browsable API", async () => {
    const user = await seedUser({ role: "Viewer" });
    const res = await app.call("GET", "/api/v1/user/self", { headers: { Cookie: await sessionCookie(user.id) } });
    assert.equal(res.status, 200);
    assert.equal(res.body.authentication, "session");
    assert.equal(res.body.user.email, user.email);
  });

  test("expired, tampered, revoked or deactivated sessions are simply no session", async () => {
    const user = await seedUser({ role: "Viewer" });
    const good = await sessionCookie(user.id);
    const tampered = good.slice(0, -3) + (good.endsWith("a") ? "bbb" : "aaa");
    const expired = await sessionCookie(user.id, { maxAge: -10 });
    for (const cookie of [tampered, expired, "next-auth.session-token=garbage"]) {
      const res = await app.call("GET", "/api/v1/user/self", { headers: { Cookie: cookie } });
      assert.deepEqual([res.status, res.body], [401, { detail: "Authentication credentials were not provided." }]);
      const pub = await app.call("GET", "/api/v1/components", { headers: { Cookie: cookie } });
      assert.equal(pub.status, 200, "a bad cookie on a public GET is anonymous, not a 401");
    }
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: { Cookie: good } })).status, 401);
    const other = await seedUser();
    const cookie = await sessionCookie(other.id);
    await db.user.update({ where: { id: other.id }, data: { active: false } });
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: { Cookie: cookie } })).status, 401);
  });

  test("header credentials win over the session cookie", async () => {
    const cookieUser = await seedUser({ role: "Admin" });
    const tokenUser = await seedUser({ role: "Viewer" });
    const { key } = await seedToken(tokenUser.id);
    const res = await app.call("GET", "/api/v1/user/self", { headers: { Cookie: await sessionCookie(cookieUser.id), ...tokenHeader(key) } });
    assert.equal(res.body.user.email, tokenUser.email);
    assert.equal(res.body.authentication, "token");
    const bad = await app.call("GET", "/api/v1/user/self", { headers: { Cookie: await sessionCookie(cookieUser.id), "X-Api-Key": "nope-nope" } });
    assert.equal(bad.status, 401, "a bad header credential is not rescued by the cookie");
  });

  test("CSRF: session writes need a same-origin Origin or Referer; header credentials are exempt", async () => {
    const user = await seedUser({ role: "Editor" });
    const cookie = await sessionCookie(user.id);
    let res = await app.call("POST", "/api/v1/components", { headers: { Cookie: cookie }, json: { name: "csrf" } });
    assert.deepEqual([res.status, res.body], [403, { detail: "CSRF Failed: Origin checking failed." }]);
    res = await app.call("POST", "/api/v1/components", { headers: { Cookie: cookie, Referer: "http://evil.test/page" }, json: { name: "csrf" } });
    assert.equal(res.status, 403);
    res = await app.call("POST", "/api/v1/components", { headers: { Cookie: cookie, Origin: ORIGIN }, json: { name: "csrf" } });
    assert.equal(res.status, 201);
    res = await app.call("POST", "/api/v1/components", { headers: { Cookie: cookie, Referer: `${ORIGIN}/api/v1/components/` }, json: { name: "csrf2" } });
    assert.equal(res.status, 201);
    // Cookies are never accepted cross-origin: a cookie write from another origin fails CSRF.
    res = await app.call("POST", "/api/v1/components", { headers: { Cookie: cookie, Origin: "http://evil.test" }, json: { name: "csrf" } });
    assert.deepEqual([res.status, res.body], [403, { detail: "CSRF Failed: Origin checking failed." }]);
    const { key } = await seedToken(user.id);
    res = await app.call("POST", "/api/v1/components", { headers: tokenHeader(key), json: { name: "no-origin" } });
    assert.equal(res.status, 201);
  });

  test("roles: Viewer reads, Editor writes content, only Admin reaches admin resources", async () => {
    const viewer = await seedUser({ role: "Viewer" });
    const editor = await seedUser({ role: "Editor" });
    let res = await app.call("POST", "/api/v1/components", { headers: basic(viewer.email, viewer.password), json: { name: "x" } });
    assert.deepEqual([res.status, res.body], [403, { detail: "You do not have permission to perform this action." }]);
    res = await app.call("POST", "/api/v1/components", { headers: basic(editor.email, editor.password), json: { name: "x" } });
    assert.equal(res.status, 201);
    const custom = await seedRole(`Status writer ${Date.now()}`, ["components:read", "components:write"]);
    const writer = await seedUser({ roleId: custom });
    res = await app.call("PATCH", `/api/v1/components/${res.body.id}`, { headers: basic(writer.email, writer.password), json: { status: 4 } });
    assert.equal(res.status, 200);
    assert.equal(res.body.status_name, "Major outage");
  });

  test("the public API role: switched, removed (login required) and restored, effective on the next request", async () => {
    try {
      assert.equal((await app.call("GET", "/api/v1/components")).status, 200);
      await setPublicRole(null);
      let res = await app.call("GET", "/api/v1/components");
      assert.deepEqual([res.status, res.body], [401, { detail: "Authentication credentials were not provided." }]);
      assert.equal((await app.call("GET", "/api/v1/components", { headers: tokenHeader(app.adminToken) })).status, 200);
      // LOGIN_REQUIRED covers the indexes too; getting or revoking a key stays open.
      assert.equal((await app.call("GET", "/api/v1/")).status, 401);
      assert.equal((await app.call("GET", "/api/")).status, 401);
      assert.equal((await app.call("POST", "/api/v1/tokens/revoke", { json: { keys: ["nothing"] } })).status, 200);
      const provision = await app.call("POST", "/api/v1/auth/token", { json: { email: app.adminEmail, password: "wrong" }, ip: "198.51.100.250" });
      assert.deepEqual(provision.body, { detail: "Invalid username/password." }, "provisioning is still reachable");
      const pagesOnly = await seedRole(`Pages only ${Date.now()}`, ["pages:read"]);
      await db.settings.update({ where: { id: 1 }, data: { publicRoleId: pagesOnly } });
      res = await app.call("GET", "/api/v1/components");
      assert.equal(res.status, 401);
      // Even an all-powerful public role never lets anonymous requests write or see private data.
      await setPublicRole("Admin");
      assert.equal((await app.call("GET", "/api/v1/components")).status, 200);
      res = await app.call("POST", "/api/v1/components", { json: { name: "anon" } });
      assert.deepEqual([res.status, res.body], [401, { detail: "Authentication credentials were not provided." }]);
      res = await app.call("GET", "/api/v1/user/self");
      assert.equal(res.status, 401);
    } finally {
      await setPublicRole("Public");
    }
  });

  test("CORS: preflights need no credentials; configured origins only; * for anonymous reads", async () => {
    process.env.BEACON_CORS_ORIGINS = "https://dash.example.com";
    try {
      let res = await app.call("OPTIONS", "/api/v1/components", {
        headers: { Origin: "https://dash.example.com", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-api-key" },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get("access-control-allow-origin"), "https://dash.example.com");
      assert.match(res.headers.get("access-control-allow-headers") ?? "", /X-Api-Key/);
      assert.equal(res.headers.get("access-control-allow-credentials"), null);
      res = await app.call("GET", "/api/v1/user/self", { headers: { Origin: "https://dash.example.com", ...tokenHeader(app.adminToken) } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("access-control-allow-origin"), "https://dash.example.com");
      res = await app.call("GET", "/api/v1/components", { headers: { Origin: "https://other.example.com" } });
      assert.equal(res.headers.get("access-control-allow-origin"), null);
      process.env.BEACON_CORS_ORIGINS = "*";
      res = await app.call("GET", "/api/v1/components", { headers: { Origin: "https://other.example.com" } });
      assert.equal(res.headers.get("access-control-allow-origin"), "*");
      res = await app.call("GET", "/api/v1/user/self", { headers: { Origin: "https://other.example.com", ...tokenHeader(app.adminToken) } });
      assert.equal(res.headers.get("access-control-allow-origin"), null, "* never covers credentialed requests");
    } finally {
      delete process.env.BEACON_CORS_ORIGINS;
    }
  });

  test("responses vary on every credential header", async () => {
    const res = await app.call("GET", "/api/v1/components");
    assert.equal(res.headers.get("vary"), "Accept, Authorization, Cookie, X-Api-Key, X-Cachet-Token, api-key");
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
});
