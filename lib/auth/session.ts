// Browser sessions: next-auth v4 with the credentials provider (email + password) and JWT cookies.
// The JWT carries the user id, their session_version (bumping it ends every session of the user) and a
// random session id, revoked on sign-out so that a copy of that one cookie dies with it (GitHub and
// NetBox end only the signed-out browser's session; "everywhere" is the session_version bump).
import { randomBytes } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsModule from "next-auth/providers/credentials";
import { decode } from "next-auth/jwt";
import { db } from "../db.ts";
import { ApiError } from "../errors.ts";
import { CLIENT_IP_HEADER, isBeaconServer } from "../net.ts";
import { authenticatePassword } from "./password-auth.ts";
import { toPrincipalUser, type PrincipalUser } from "./principal.ts";
import { findUserById } from "./lookups.ts";
import { recordAudit } from "../audit/index.ts";

// next-auth ships CommonJS: under Node's ESM loader (tests, CLI) the default import is the module object.
const CredentialsProvider = ((CredentialsModule as unknown as { default?: typeof CredentialsModule }).default ?? CredentialsModule) as typeof CredentialsModule;

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
// A signed-out cookie is refused at least this long: no copy of it can carry a later `exp`, since
// next-auth re-issues cookies for at most SESSION_MAX_AGE_SECONDS and never re-issues a revoked one.
const REVOCATION_KEEP_MS = (SESSION_MAX_AGE_SECONDS + 60) * 1000;
const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const v = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // next-auth's JWT otherwise lives 30 days whatever the session's maxAge: a copied cookie would outlive the session.
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  // Beacon's own pages: NextAuth's built-in sign-out page is unstyled and outside the site's header.
  pages: { signIn: "/login", signOut: "/logout" },
  providers: [
    CredentialsProvider({
      name: "Beacon",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const ip = (isBeaconServer() && headerValue(req?.headers, CLIENT_IP_HEADER)) || "unknown";
        try {
          const user = await authenticatePassword(credentials?.email ?? "", credentials?.password ?? "", ip, "sign_in");
          const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
          await recordAudit(
            { userId: user.id, label: user.email, ip, authMethod: "password" },
            { action: "user.sign_in", targetType: "user", targetId: user.id, subjectId: user.id },
          );
          return { id: String(user.id), email: user.email, name: user.name, sv: sessionVersion } as never;
        } catch (err) {
          // next-auth shows a thrown error's message on the sign-in page; a wrong password is just null.
          if (err instanceof ApiError && err.status === 429) throw new Error(err.detail);
          return null;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as unknown as { sv: number }).sv;
        token.sid = randomBytes(18).toString("base64url");
      } else if (!(await liveSessionUser(token))) {
        // next-auth's session endpoint then clears the cookie instead of re-issuing it.
        throw new SessionEnded();
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.uid } } as typeof session;
    },
  },
  events: {
    async signOut({ token }) {
      await revokeSession(token);
    },
  },
  logger: {
    error(code, metadata) {
      const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
      if (error instanceof SessionEnded) return; // a signed-out or outdated cookie is routine, not a server error
      console.error(`[next-auth][error][${code}]`, metadata);
    },
  },
};

class SessionEnded extends Error {
  constructor() {
    super("This browser session has ended.");
  }
}

/** The claims of a decoded session JWT: `uid`, `sv`, `sid`, `exp` are Beacon's to check. */
type SessionClaims = Record<string, unknown>;

/** Ends one browser session (next-auth's sign-out): its id is refused from now on, on every instance. */
async function revokeSession(token: SessionClaims | null | undefined): Promise<void> {
  if (!token || typeof token.sid !== "string" || typeof token.uid !== "number") return;
  const now = Date.now();
  await db.revokedSession.upsert({
    where: { sid: token.sid },
    create: { sid: token.sid, userId: token.uid, expiresAt: new Date(now + REVOCATION_KEEP_MS) },
    update: {},
  });
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
}

/** The user of a verified session JWT while that session is live (user active, not signed out), else null. */
async function liveSessionUser(jwt: SessionClaims): Promise<PrincipalUser | null> {
  if (typeof jwt.uid !== "number" || typeof jwt.sid !== "string") return null;
  if (typeof jwt.exp === "number" && jwt.exp * 1000 < Date.now()) return null;
  const [user, revoked] = await Promise.all([
    findUserById(jwt.uid),
    db.revokedSession.findUnique({ where: { sid: jwt.sid }, select: { sid: true } }),
  ]);
  if (!user || !user.active || user.sessionVersion !== jwt.sv || revoked) return null;
  return toPrincipalUser(user);
}

function readCookie(req: Request, name: string): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null; // badly encoded: no session, like any other broken cookie
      }
    }
  }
  return null;
}

function sessionCookie(req: Request): string | null {
  for (const name of COOKIE_NAMES) {
    const whole = readCookie(req, name);
    if (whole) return whole;
    // next-auth splits cookies over 4 kB into name.0, name.1, …
    let chunks = "";
    for (let i = 0; ; i++) {
      const chunk = readCookie(req, `${name}.${i}`);
      if (chunk === null) break;
      chunks += chunk;
    }
    if (chunks) return chunks;
  }
  return null;
}

/** Whether the request carries a session cookie at all (valid or not): its answer may then depend on who it is. */
export function hasSessionCookie(req: Request): boolean {
  return sessionCookie(req) !== null;
}

/**
 * The signed-in user of the browser session, or null. An expired, tampered, signed-out or revoked
 * cookie, one without a session id, or one of a deactivated user, is simply no session (API.md §2).
 */
export async function readSessionUser(req: Request) {
  const cookie = sessionCookie(req);
  const secret = process.env.NEXTAUTH_SECRET;
  if (!cookie || !secret) return null;
  let jwt;
  try {
    jwt = await decode({ token: cookie, secret });
  } catch {
    return null;
  }
  return jwt ? liveSessionUser(jwt) : null;
}
