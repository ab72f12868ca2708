// Throttling of failed authentication (API.md §2), and that it never locks a user's scripts out.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { generateKey } from "../../lib/auth/keys.ts";

let app: TestApp;

describeDb("throttling", () => {
  before(async () => {
    app = await testApp();
  });

  test("10 wrong passwords per account and IP, then 429 with Retry-After — even for the right password", async () => {
    const user = await seedUser();
    const ip = "203.0.113.10";
    for (let i = 0; i < 10; i++) {
      const res = await app.call("GET", "/api/v1/user/self", { headers: basic(user.email, `wrong-${i}`), ip });
      assert.equal(res.status, 401, `attempt ${i + 1}`);
    }
    const blocked = await app.call("GET", "/api/v1/user/self", { headers: basic(user.email, user.password), ip });
    assert.equal(blocked.status, 429);
    assert.match(blocked.body.detail, /^Request was throttled\. Expected available in \d+ seconds\.$/);
    const wait = Number(blocked.headers.get("retry-after"));
    assert.ok(wait > 0 && wait <= 900, `Retry-After ${wait}`);
    assert.equal(blocked.body.detail, `Request was throttled. Expected available in ${wait} seconds.`);

    // The same account from another address, and the user's token from the attacked address, still work.
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: basic(user.email, user.password), ip: "203.0.113.11" })).status, 200);
    const { key } = await seedToken(user.id);
    const viaToken = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(key), ip });
    assert.equal(viaToken.status, 200, "a valid token is never throttled by password failures");
  });

  test("100 wrong passwords per IP across accounts, then 429", async () => {
    const ip = "203.0.113.20";
    for (let i = 0; i < 100; i++) {
      const res = await app.call("GET", "/api/v1/components", { headers: basic(`nobody-${i}@example.com`, "x"), ip });
      assert.equal(res.status, 401);
    }
    const res = await app.call("GET", "/api/v1/components", { headers: basic("someone-new@example.com", "x"), ip });
    assert.equal(res.status, 429);
  });

  test("60 invalid tokens per IP per minute, then 429; a valid token from that IP still gets in", async () => {
    const ip = "203.0.113.30";
    for (let i = 0; i < 60; i++) {
      const res = await app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": generateKey() }, ip });
      assert.equal(res.status, 401);
    }
    const blocked = await app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": generateKey() }, ip });
    assert.equal(blocked.status, 429);
    const wait = Number(blocked.headers.get("retry-after"));
    assert.ok(wait > 0 && wait <= 60);
    const ok = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(app.adminToken), ip });
    assert.equal(ok.status, 200);
  });
});
