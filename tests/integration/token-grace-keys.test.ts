// The old key of a refreshed token during its grace window (API.md §3): it expires with the window, cannot
// outlive it through new tokens, cannot take the token over, and revoking it leaves the new key working.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";

let app: TestApp;

describeDb("grace keys of refreshed tokens", () => {
  before(async () => {
    app = await testApp();
  });

  // API.md §3: "optional grace_seconds ≤ 86400 keeps it alive that long" and "A created or refreshed
  // token never exceeds the credential that made it: write flag, scopes ⊆, allowed IPs ⊆, expiry ≤."
  // The old key of a refreshed token is a credential that expires when its grace window ends.
  test("FINDING: a grace (pre-refresh) key cannot mint a token that outlives its grace window", async () => {
    const user = await seedUser({ role: "Editor" });
    const { id, key: oldKey } = await seedToken(user.id);
    const refreshed = await app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers: tokenHeader(oldKey), json: { grace_seconds: 3600 } });
    assert.equal(refreshed.status, 200);
    const graceEnd = Date.now() + 3600 * 1000;

    const inherited = await app.call("POST", "/api/v1/tokens", { headers: tokenHeader(oldKey), json: { description: "via grace key" } });
    if (inherited.status === 201) {
      assert.notEqual(inherited.body.expires_at, null, "a token minted by a grace key must expire with it");
      assert.ok(Date.parse(inherited.body.expires_at) <= graceEnd + 5000, `expires ${inherited.body.expires_at}`);
    } else {
      assert.equal(inherited.status, 403, inherited.text);
    }
    const forever = await app.call("POST", "/api/v1/tokens", { headers: tokenHeader(oldKey), json: { description: "forever", expires_at: null } });
    assert.equal(forever.status, 403, `a never-expiring token from a 1 h grace key: ${forever.status}`);
  });

  // Same rule (API.md §3 "expiry ≤"), plus "the old key fails from the moment the response is sent; optional
  // grace_seconds … keeps it alive that long": the grace is a courtesy for deploying the new key, not a
  // way for whoever holds the leaked old key to take the token over by refreshing it again.
  test("FINDING: a grace key cannot refresh its own token (which would kill the owner's new key)", async () => {
    const user = await seedUser({ role: "Editor" });
    const { id, key: oldKey } = await seedToken(user.id);
    const first = await app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers: tokenHeader(oldKey), json: { grace_seconds: 600 } });
    assert.equal(first.status, 200);
    const ownersNewKey: string = first.body.key;

    const hijack = await app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers: tokenHeader(oldKey), json: {} });
    assert.equal(hijack.status, 403, `refresh through the grace key answered ${hijack.status}`);
    assert.equal(hijack.body?.key, undefined);
    const owner = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(ownersNewKey) });
    assert.equal(owner.status, 200, "the key the owner got from the refresh must keep working");
  });

  // API.md §3: "Responses authenticated by a token that expires within 7 days carry `Token-Expires: <ISO
  // time>`." A grace key expires when its grace window ends (≤ 24 h).
  test("FINDING: responses authenticated by a grace key carry Token-Expires (the end of the grace window)", async () => {
    const user = await seedUser({ role: "Viewer" });
    const { id, key: oldKey } = await seedToken(user.id);
    const before = Date.now();
    const r = await app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers: tokenHeader(oldKey), json: { grace_seconds: 7200 } });
    assert.equal(r.status, 200);
    const res = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(oldKey) });
    assert.equal(res.status, 200);
    const header = res.headers.get("token-expires");
    assert.ok(header, "no Token-Expires on a key that dies in 2 hours");
    const at = Date.parse(header);
    assert.ok(at >= before + 7200_000 - 5000 && at <= Date.now() + 7200_000 + 5000, header);
  });

  // API.md §3 on POST /api/v1/tokens/revoke: it "revokes any valid key listed (for leaked keys …)", and
  // on refresh: "optional grace_seconds ≤ 86400 keeps it [the old key] alive that long". Listing the old
  // key of a refreshed token (a leaked key the owner already rotated) must end that key, not the new key
  // the owner just deployed. lib/tokens/manage.ts revokeKeys() deletes the whole token.
  test("FINDING: revoking a refreshed token's old (grace) key leaves the new key working", async () => {
    const user = await seedUser({ role: "Editor" });
    const { id, key: oldKey } = await seedToken(user.id);
    const refreshed = await app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers: basic(user.email, user.password), json: { grace_seconds: 3600 } });
    assert.equal(refreshed.status, 200);
    const newKey: string = refreshed.body.key;

    const revoked = await app.call("POST", "/api/v1/tokens/revoke", { json: { keys: [oldKey] } });
    assert.deepEqual([revoked.status, revoked.body], [200, { revoked: 1 }]);
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(oldKey), ip: "198.51.100.201" })).status, 401, "the listed key is revoked");
    const fresh = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(newKey) });
    assert.equal(fresh.status, 200, `the new key, which nobody listed, was revoked too: ${fresh.text}`);
  });
});
