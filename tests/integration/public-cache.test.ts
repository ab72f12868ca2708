// The public-response cache on anonymous /api/v1 reads: shared copies with a strong ETag and 304, one
// rebuild for a crowd of misses, never shared with signed-in callers, and never outliving a change of the
// public role, of a role's permissions or of settings, even one written behind this process's back.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { roleId, setPublicRole } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";
import { cacheStats } from "../../lib/public-cache/index.ts";
import { permissionListColumn } from "../../lib/auth/permissions.ts";

let app: TestApp;
let admin: Record<string, string>;
const PUBLIC = "public, s-maxage=5, stale-while-revalidate=30";

async function makeComponent(fields: Record<string, unknown> = {}) {
  const res = await app.call("POST", "/api/v1/components", { headers: admin, json: { name: `C ${Math.random().toString(36).slice(2, 8)}`, ...fields } });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describeDb("public cache of anonymous API reads", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("an anonymous read is shared: public Cache-Control, a strong ETag, 304 on If-None-Match, HEAD alike", async () => {
    await makeComponent();
    const first = await app.call("GET", "/api/v1/components");
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("cache-control"), PUBLIC);
    const etag = first.headers.get("etag") ?? "";
    assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/, "a strong ETag");
    assert.match(first.headers.get("vary") ?? "", /Authorization.*Cookie.*X-Api-Key/);
    const rebuilds = cacheStats().rebuilds;
    const second = await app.call("GET", "/api/v1/components");
    assert.equal(second.headers.get("etag"), etag);
    assert.equal(second.text, first.text);
    assert.equal(cacheStats().rebuilds, rebuilds, "served from the copy");
    assert.match(second.headers.get("age") ?? "", /^\d+$/);
    const notModified = await app.call("GET", "/api/v1/components", { headers: { "If-None-Match": `"other", ${etag}` } });
    assert.deepEqual([notModified.status, notModified.text, notModified.headers.get("etag")], [304, "", etag]);
    const head = await app.call("HEAD", "/api/v1/components");
    assert.deepEqual([head.status, head.text, head.headers.get("etag")], [200, "", etag]);
    // The HEAD did not store a bodiless copy for the GETs after it.
    assert.equal((await app.call("GET", "/api/v1/components")).text, first.text);
    // Another representation is another copy: indentation, query, detail.
    const indented = await app.call("GET", "/api/v1/components", { headers: { Accept: "application/json; indent=4" } });
    assert.ok(indented.text.startsWith("{\n    "), "the indented copy is not the compact one");
    assert.notEqual(indented.headers.get("etag"), etag);
  });

  test("concurrent misses trigger one rebuild, not one per request", async () => {
    await makeComponent(); // a write through the API drops the copies
    const before = cacheStats().rebuilds;
    const answers = await Promise.all(Array.from({ length: 25 }, () => app.call("GET", "/api/v1/components?limit=7")));
    assert.ok(answers.every((a) => a.status === 200 && a.text === answers[0].text));
    assert.equal(cacheStats().rebuilds - before, 1);
  });

  test("a write through the API is seen on the next anonymous read; signed-in answers are private and never shared", async () => {
    const c = await makeComponent();
    assert.equal((await app.call("GET", `/api/v1/components/${c.id}`)).status, 200);
    await app.call("PATCH", `/api/v1/components/${c.id}`, { headers: admin, json: { enabled: false } });
    assert.equal((await app.call("GET", `/api/v1/components/${c.id}`)).status, 404, "the disabled component is gone at once");
    const signedIn = await app.call("GET", `/api/v1/components/${c.id}`, { headers: admin });
    assert.equal(signedIn.status, 200, "the admin still sees it");
    assert.equal(signedIn.headers.get("cache-control"), "private, no-store");
    assert.equal(signedIn.headers.get("etag"), null);
    // …and the admin's answer was not stored for the anonymous callers after it.
    assert.equal((await app.call("GET", `/api/v1/components/${c.id}`)).status, 404);
    // A bad credential is still a 401, whatever is cached.
    assert.equal((await app.call("GET", `/api/v1/components/${c.id}`, { headers: { "X-Api-Key": "nope-".repeat(10) } })).status, 401);
  });

  test("a change of the public role, of its permissions or of settings applies from the very next request, even written outside the API", async () => {
    try {
      assert.equal((await app.call("GET", "/api/v1/components")).status, 200);
      // Written straight to the database (as another instance or an operator would): no in-process hint.
      await setPublicRole(null);
      assert.equal((await app.call("GET", "/api/v1/components")).status, 401);
      await setPublicRole("Public");
      assert.equal((await app.call("GET", "/api/v1/components")).status, 200);
      const publicId = await roleId("Public");
      const original = (await db.role.findUniqueOrThrow({ where: { id: publicId } })).permissions;
      try {
        await db.role.update({ where: { id: publicId }, data: { permissions: permissionListColumn.encode(["pages:read"]) } });
        assert.equal((await app.call("GET", "/api/v1/components")).status, 401, "the role lost components:read");
      } finally {
        await db.role.update({ where: { id: publicId }, data: { permissions: original } });
      }
      assert.equal((await app.call("GET", "/api/v1/components")).status, 200);
      // Through the API too.
      const res = await app.call("PATCH", "/api/v1/settings", { headers: admin, json: { public_role_id: null } });
      assert.equal(res.status, 200, res.text);
      assert.equal((await app.call("GET", "/api/v1/incidents")).status, 401);
    } finally {
      await setPublicRole("Public");
    }
  });

  test("a content change written outside the API shows within 5 s (the allowed staleness)", async () => {
    const c = await makeComponent({ status: 1 });
    const path = `/api/v1/components/${c.id}`;
    assert.equal((await app.call("GET", path)).body.status, 1);
    await db.component.update({ where: { id: c.id }, data: { status: 4 } });
    const start = Date.now();
    let seen = 1;
    while (seen !== 4 && Date.now() - start < 6000) {
      seen = (await app.call("GET", path)).body.status;
      if (seen !== 4) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(seen, 4);
    assert.ok(Date.now() - start <= 5000, `seen after ${Date.now() - start} ms`);
  });
});
