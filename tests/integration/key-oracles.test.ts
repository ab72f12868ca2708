// Nothing confirms that a guessed key is live (issue 9, item 6): POST /tokens/revoke counts the keys it
// does not find against the invalid-token limit (60 per IP per minute), and a key supplied on token
// creation that is another user's live key answers exactly like a fresh key.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { generateKey } from "../../lib/auth/keys.ts";
import { db } from "../../lib/db.ts";

let app: TestApp;
const unknownKeys = (n: number) => Array.from({ length: n }, () => generateKey());
const revoke = (keys: string[], ip: string) => app.call("POST", "/api/v1/tokens/revoke", { json: { keys }, ip });
const self = (key: string, ip = "192.0.2.10") => app.call("GET", "/api/v1/user/self", { headers: tokenHeader(key), ip });
const suppliedKey = () => `restore-${randomBytes(24).toString("hex")}`;

describeDb("key oracles", () => {
  before(async () => {
    app = await testApp();
  });

  test("revoke: 60 unknown keys per IP per minute, then 429 — and a throttled client's keys are not even looked up", async () => {
    const ip = "203.0.113.140";
    assert.deepEqual((await revoke(unknownKeys(30), ip)).body, { revoked: 0 });
    assert.deepEqual((await revoke(unknownKeys(30), ip)).body, { revoked: 0 });
    const user = await seedUser();
    const { key } = await seedToken(user.id);
    const blocked = await revoke([key, ...unknownKeys(3)], ip);
    assert.equal(blocked.status, 429);
    assert.match(blocked.body.detail, /^Request was throttled\. Expected available in \d+ seconds\.$/);
    assert.ok(Number(blocked.headers.get("retry-after")) > 0);
    assert.equal((await self(key, ip)).status, 200, "the live key was not looked up, so not revoked; valid tokens are never throttled");
    assert.deepEqual((await revoke([key], "203.0.113.141")).body, { revoked: 1 }, "from another address it is");
  });

  test("revoke: one request of 100 unknown keys is a 429, not 100 lookups", async () => {
    const res = await revoke(unknownKeys(100), "203.0.113.142");
    assert.equal(res.status, 429);
  });

  test("revoke and invalid tokens share one budget: 59 invalid tokens, then revoking 2 unknown keys is a 429", async () => {
    const ip = "203.0.113.143";
    for (let i = 0; i < 59; i++) assert.equal((await self(generateKey(), ip)).status, 401);
    assert.equal((await revoke(unknownKeys(2), ip)).status, 429);
  });

  test("revoke: live keys cost nothing — 80 leaked keys are revoked, and 60 unknown ones are still allowed after", async () => {
    const ip = "203.0.113.144";
    const user = await seedUser();
    const leaked = await Promise.all(Array.from({ length: 80 }, () => seedToken(user.id)));
    assert.deepEqual((await revoke(leaked.map((t) => t.key), ip)).body, { revoked: 80 });
    assert.deepEqual((await revoke(unknownKeys(60), ip)).body, { revoked: 0 });
    assert.equal((await revoke(unknownKeys(1), ip)).status, 429);
  });

  test("create: another user's live key, supplied as one's own, answers like a fresh key and is no longer theirs", async () => {
    const victim = await seedUser();
    const attacker = await seedUser();
    const victimKey = suppliedKey();
    assert.equal((await app.call("POST", "/api/v1/tokens", { headers: basic(victim.email, victim.password), json: { key: victimKey } })).status, 201);
    assert.equal((await self(victimKey)).body.user.id, victim.id);

    const fresh = await app.call("POST", "/api/v1/tokens", { headers: basic(attacker.email, attacker.password), json: { key: suppliedKey(), description: "x" } });
    const colliding = await app.call("POST", "/api/v1/tokens", { headers: basic(attacker.email, attacker.password), json: { key: victimKey, description: "x" } });
    assert.equal(colliding.status, fresh.status);
    assert.deepEqual(Object.keys(colliding.body).sort(), Object.keys(fresh.body).sort());
    assert.equal(colliding.body.user.id, attacker.id);
    // The key is known to two people, so it is compromised: it now names the attacker's new token only.
    const who = await self(victimKey);
    assert.equal(who.body.user.id, attacker.id, "the victim's token with that key is gone");
    assert.equal(await db.apiToken.count({ where: { userId: victim.id } }), 0);

    // The victim sees that their token was revoked; the attacker's own audit view shows nothing of it.
    const victimAudit = await app.call("GET", "/api/v1/audit?limit=100", { headers: basic(victim.email, victim.password) });
    assert.ok(victimAudit.body.results.some((e: { action: string }) => e.action === "token.revoke_by_key"), victimAudit.text);
    const attackerAudit = await app.call("GET", "/api/v1/audit?limit=100", { headers: basic(attacker.email, attacker.password) });
    const attackerActions = attackerAudit.body.results.map((e: { action: string; detail: unknown }) => `${e.action} ${JSON.stringify(e.detail)}`);
    assert.equal(attackerActions.filter((a: string) => a.startsWith("token.create")).length, 2);
    assert.ok(!attackerActions.some((a: string) => a.startsWith("token.revoke")), attackerActions.join("\n"));
    assert.deepEqual(
      attackerAudit.body.results.filter((e: { action: string }) => e.action === "token.create").map((e: { detail: unknown }) => e.detail),
      [fresh, colliding].map((r) => ({ display: r.body.display, supplied_key: true })).reverse(),
    );
  });

  test("create: another user's key still inside its refresh grace window is ended too, not confirmed", async () => {
    const victim = await seedUser();
    const attacker = await seedUser();
    const { id, key: oldKey } = await seedToken(victim.id);
    const refreshed = await app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers: basic(victim.email, victim.password), json: { grace_seconds: 600 } });
    assert.equal(refreshed.status, 200);
    const res = await app.call("POST", "/api/v1/tokens", { headers: basic(attacker.email, attacker.password), json: { key: oldKey } });
    assert.equal(res.status, 201);
    assert.equal((await self(oldKey)).body.user.id, attacker.id);
    assert.equal((await self(refreshed.body.key)).body.user.id, victim.id, "the victim's new key was not leaked and still works");
  });

  test("create: one's own live key supplied again is still a 409 (it reveals nothing new)", async () => {
    const user = await seedUser();
    const key = suppliedKey();
    const h = basic(user.email, user.password);
    assert.equal((await app.call("POST", "/api/v1/tokens", { headers: h, json: { key } })).status, 201);
    const again = await app.call("POST", "/api/v1/tokens", { headers: h, json: { key } });
    assert.equal(again.status, 409);
    assert.deepEqual(again.body, { detail: "Conflict.", errors: { key: ["A token with this key already exists."] } });
  });
});
