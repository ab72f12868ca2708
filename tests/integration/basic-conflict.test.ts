// Two different Basic credentials in one request (two Authorization headers, which Beacon's server hands
// to the app joined by ", ") are a 400 conflict like two different keys, never a silent pick of the first.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";

let app: TestApp;

const CONFLICT = { detail: "Conflicting credentials: send one of Authorization, X-Api-Key, X-Cachet-Token or api-key." };
const b64 = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;

describeDb("two Basic credentials", () => {
  before(async () => {
    app = await testApp();
  });

  test("two different Basic credentials are a 400 conflict, whichever comes first", async () => {
    const a = await seedUser({ role: "Viewer" });
    const b = await seedUser({ role: "Admin" });
    for (const [i, authorization] of [
      `${b64(a.email, a.password)}, ${b64(b.email, b.password)}`,
      `${b64(b.email, b.password)}, ${b64(a.email, a.password)}`,
      `${b64(a.email, a.password)}, ${b64(a.email, "another password")}`,
      `${b64(a.email, a.password)}, Basic !!!`,
    ].entries()) {
      const res = await app.call("GET", "/api/v1/user/self", { headers: { Authorization: authorization } });
      assert.deepEqual([res.status, res.body], [400, CONFLICT], `case ${i}`);
    }
  });

  test("the same Basic credential twice is fine; a key with a Basic pair still conflicts if a second pair differs", async () => {
    const a = await seedUser({ role: "Viewer" });
    const b = await seedUser({ role: "Viewer" });
    const twice = await app.call("GET", "/api/v1/user/self", { headers: { Authorization: `${b64(a.email, a.password)}, ${b64(a.email, a.password)}` } });
    assert.deepEqual([twice.status, twice.body.authentication, twice.body.user.email], [200, "basic", a.email]);
    const { key } = await seedToken(a.id);
    const res = await app.call("GET", "/api/v1/user/self", { headers: { Authorization: `Token ${key}, ${b64(a.email, a.password)}, ${b64(b.email, b.password)}` } });
    assert.deepEqual([res.status, res.body], [400, CONFLICT]);
  });
});
