// next-auth's own request handling, in-process: the AuthHandler that app/api/auth/[...nextauth]/route.ts
// runs (the route's Next glue reads next/headers, which only exists inside a Next request), driven with
// Beacon's authOptions and real Requests, so sign-in, session refresh and sign-out follow next-auth's flow.
import { createRequire } from "node:module";
import path from "node:path";
import { authOptions } from "../../lib/auth/session.ts";
import { ORIGIN } from "./app.ts";

type Cookie = { name: string; value: string; options?: { expires?: Date | string; maxAge?: number } };
type InternalResponse = { status?: number; body?: unknown; redirect?: string; cookies?: Cookie[] };
type AuthHandlerFn = (params: { req: Request; options: typeof authOptions }) => Promise<InternalResponse>;

const require = createRequire(import.meta.url);
// "next-auth/core" is not in the package's exports map: load the file itself.
const { AuthHandler } = require(path.join(path.dirname(require.resolve("next-auth")), "core/index.js")) as { AuthHandler: AuthHandlerFn };

/** A cookie jar of name → value, as a browser would keep it. */
export type Jar = Map<string, string>;

function cookieHeader(jar: Jar): string {
  return [...jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
}

function store(jar: Jar, cookies: Cookie[] | undefined): void {
  for (const c of cookies ?? []) {
    const expires = c.options?.expires ? new Date(c.options.expires).getTime() : null;
    if (c.value === "" || c.options?.maxAge === 0 || (expires !== null && expires <= Date.now())) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
}

/** One next-auth request (`action` like "csrf", "callback/credentials", "session", "signout"). */
export async function nextAuth(jar: Jar, method: "GET" | "POST", action: string, body?: Record<string, string>, ip = "192.0.2.10"): Promise<InternalResponse> {
  const headers = new Headers({ host: "beacon.test", "x-beacon-client-ip": ip });
  if (jar.size > 0) headers.set("cookie", cookieHeader(jar));
  if (body) headers.set("content-type", "application/json");
  const req = new Request(`${ORIGIN}/api/auth/${action}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const res = await AuthHandler({ req, options: { ...authOptions, secret: process.env.NEXTAUTH_SECRET } });
  store(jar, res.cookies);
  return res;
}

async function csrfToken(jar: Jar): Promise<string> {
  const res = await nextAuth(jar, "GET", "csrf");
  return (res.body as { csrfToken: string }).csrfToken;
}

/** Signs in through next-auth's credentials callback; returns the browser's jar (with the session cookie). */
export async function signInThroughNextAuth(email: string, password: string, ip?: string): Promise<Jar> {
  const jar: Jar = new Map();
  await nextAuth(jar, "POST", "callback/credentials", { csrfToken: await csrfToken(jar), email, password, json: "true" }, ip);
  return jar;
}

/** Signs out the way the site header's button does: POST /api/auth/signout with next-auth's CSRF token. */
export async function signOutThroughNextAuth(jar: Jar): Promise<InternalResponse> {
  return nextAuth(jar, "POST", "signout", { csrfToken: await csrfToken(jar), json: "true" });
}

export const SESSION_COOKIE = "next-auth.session-token";

/** The `Cookie` header carrying just the session cookie of a jar (what a thief would copy). */
export function sessionCookieOf(jar: Jar): string {
  const value = jar.get(SESSION_COOKIE);
  if (!value) throw new Error("no session cookie in the jar");
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}`;
}
