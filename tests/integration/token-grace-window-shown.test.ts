// A refreshed token tells its owner how long the previous key keeps working (the profile shows
// "previous key valid until 19:41"): `previous_key_expires_at`, null when no grace window is open.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";

let app: TestApp;

describeDb("the grace window of a refreshed key, as the API shows it", () => {
  before(async () => {
    app = await testApp();
  });

  test("a new token has no previous key", async () => {
    const user = await seedUser({ role: "Editor" });
    const { id, key } = await seedToken(user.id);
    const res = await app.call("GET", `/api/v1/tokens/${id}`, { headers: tokenHeader(key) });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.previous_key_expires_at, null);
  });

  test("a refresh with grace_seconds shows when the previous key stops; one without shows none", async () => {
    const user = await seedUser({ role: "Editor" });
    const { id, key } = await seedToken(user.id);
    const started = Date.now();
    const refreshed = await app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers: tokenHeader(key), json: { grace_seconds: 600 } });
    assert.equal(refreshed.status, 200, refreshed.text);
    const until = Date.parse(refreshed.body.previous_key_expires_at);
    assert.ok(until >= started + 599_000 && until <= Date.now() + 601_000, refreshed.body.previous_key_expires_at);

    const listed = await app.call("GET", "/api/v1/tokens", { headers: tokenHeader(refreshed.body.key) });
    assert.equal(listed.status, 200);
    assert.equal(listed.body.results.find((t: { id: number }) => t.id === id).previous_key_expires_at, refreshed.body.previous_key_expires_at);

    const other = await seedToken(user.id);
    const plain = await app.call("POST", `/api/v1/tokens/${other.id}/refresh`, { headers: tokenHeader(other.key), json: {} });
    assert.equal(plain.status, 200, plain.text);
    assert.equal(plain.body.previous_key_expires_at, null);
  });
});
