// Signing out through next-auth's own /api/auth/signout ends that browser session on the server: a copy
// of its cookie taken before the sign-out no longer authenticates anything. Other sessions of the same
// user (another browser, another device) live on, as they do on GitHub or NetBox.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ORIGIN, describeDb, testApp, type TestApp } from "../helpers/app.ts";
import { seedUser } from "../helpers/fixtures.ts";
import { SESSION_COOKIE, nextAuth, sessionCookieOf, signInThroughNextAuth, signOutThroughNextAuth } from "../helpers/nextauth.ts";

let app: TestApp;

const NOT_PROVIDED = { detail: "Authentication credentials were not provided." };

describeDb("sign-out", () => {
  before(async () => {
    app = await testApp();
  });

  test("a session cookie copied before sign-out is dead after it; the user's other sessions are not", async () => {
    const user = await seedUser({ role: "Editor" });
    const laptop = await signInThroughNextAuth(user.email, user.password);
    const phone = await signInThroughNextAuth(user.email, user.password);
    const copied = sessionCookieOf(laptop);
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: { Cookie: copied } })).body.authentication, "session");

    const out = await signOutThroughNextAuth(laptop);
    assert.equal(out.redirect !== undefined, true, "next-auth answered the sign-out");
    assert.equal(laptop.has(SESSION_COOKIE), false, "next-auth cleared the browser's cookie");

    const self = await app.call("GET", "/api/v1/user/self", { headers: { Cookie: copied } });
    assert.deepEqual([self.status, self.body], [401, NOT_PROVIDED]);
    const write = await app.call("POST", "/api/v1/components", { headers: { Cookie: copied, Origin: ORIGIN }, json: { name: "after sign-out" } });
    assert.deepEqual([write.status, write.body], [401, NOT_PROVIDED]);

    const other = await app.call("GET", "/api/v1/user/self", { headers: { Cookie: sessionCookieOf(phone) } });
    assert.deepEqual([other.status, other.body.authentication], [200, "session"], "signing out one browser leaves the other signed in");
  });

  test("next-auth's session endpoint does not revive or re-issue a signed-out cookie", async () => {
    const user = await seedUser({ role: "Viewer" });
    const jar = await signInThroughNextAuth(user.email, user.password);
    const stolen = new Map(jar);
    await signOutThroughNextAuth(jar);

    const res = await nextAuth(stolen, "GET", "session");
    assert.deepEqual(res.body, {}, "no session for a signed-out cookie");
    assert.equal(stolen.has(SESSION_COOKIE), false, "and the cookie is cleared rather than refreshed");
  });
});
