// A browser session's server-side lifetime is the cookie's (12 h), not next-auth's 30-day JWT default:
// a cookie copied out of a browser is worth no more than the session it came from.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { decode } from "next-auth/jwt";
import { describeDb, testApp, type TestApp } from "../helpers/app.ts";
import { seedUser } from "../helpers/fixtures.ts";
import { SESSION_COOKIE, nextAuth, sessionCookieOf, signInThroughNextAuth } from "../helpers/nextauth.ts";
import { SESSION_MAX_AGE_SECONDS } from "../../lib/auth/session.ts";

let app: TestApp;

async function claims(jar: Map<string, string>) {
  const jwt = await decode({ token: jar.get(SESSION_COOKIE)!, secret: process.env.NEXTAUTH_SECRET! });
  assert.ok(jwt && typeof jwt.exp === "number" && typeof jwt.iat === "number", "the session cookie is a JWT with iat and exp");
  return jwt as { exp: number; iat: number };
}

describeDb("session lifetime", () => {
  before(async () => {
    app = await testApp();
  });

  test("the JWT minted at sign-in expires with the session (12 h), not after next-auth's 30 days", async () => {
    assert.equal(SESSION_MAX_AGE_SECONDS, 12 * 60 * 60);
    const user = await seedUser({ role: "Viewer" });
    const jar = await signInThroughNextAuth(user.email, user.password);
    const { exp, iat } = await claims(jar);
    assert.ok(Math.abs(exp - iat - SESSION_MAX_AGE_SECONDS) <= 5, `JWT lifetime ${exp - iat} s, session ${SESSION_MAX_AGE_SECONDS} s`);
    const self = await app.call("GET", "/api/v1/user/self", { headers: { Cookie: sessionCookieOf(jar) } });
    assert.equal(self.body.authentication, "session");
  });

  test("the JWT re-issued by next-auth's session endpoint keeps the session's lifetime", async () => {
    const user = await seedUser({ role: "Viewer" });
    const jar = await signInThroughNextAuth(user.email, user.password);
    const res = await nextAuth(jar, "GET", "session");
    assert.equal((res.body as { user?: { email?: string } }).user?.email, user.email);
    const { exp, iat } = await claims(jar);
    assert.ok(Math.abs(exp - iat - SESSION_MAX_AGE_SECONDS) <= 5, `JWT lifetime ${exp - iat} s`);
  });
});
