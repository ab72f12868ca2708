// Unique fields under concurrency (API.md §2 errors table): exactly one create wins, the others get a 409
// naming the field the client sent.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { TEST_DB_KIND } from "../helpers/database.ts";

let app: TestApp;

let seq = 0;
const unique = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${++seq}`;

describeDb("unique conflicts under concurrency", () => {
  before(async () => {
    app = await testApp();
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
});
