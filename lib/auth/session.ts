// Browser sessions: next-auth v4 with the credentials provider (email + password) and JWT cookies.
// The JWT carries the user id and their session_version; bumping the version ends every session.
import type { NextAuthOptions } from "next-auth";
import CredentialsModule from "next-auth/providers/credentials";
import { decode } from "next-auth/jwt";
import { db } from "../db.ts";
import { ApiError } from "../errors.ts";
import { CLIENT_IP_HEADER, isBeaconServer } from "../net.ts";
import { authenticatePassword } from "./password-auth.ts";
import { userSelect } from "./principal.ts";
import { recordAudit } from "../audit/index.ts";

// next-auth ships CommonJS: under Node's ESM loader (tests, CLI) the default import is the module object.
const CredentialsProvider = ((CredentialsModule as unknown as { default?: typeof CredentialsModule }).default ?? CredentialsModule) as typeof CredentialsModule;

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const v = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
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
          const user = await authenticatePassword(credentials?.email ?? "", credentials?.password ?? "", ip);
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
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.uid } } as typeof session;
    },
  },
};

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

/**
 * The signed-in user of the browser session, or null. An expired, tampered or revoked cookie, or one of
 * a deactivated user, is simply no session (API.md §2): never an error.
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
  if (!jwt || typeof jwt.uid !== "number") return null;
  if (typeof jwt.exp === "number" && jwt.exp * 1000 < Date.now()) return null;
  const user = await db.user.findUnique({ where: { id: jwt.uid }, select: userSelect });
  if (!user || !user.active || user.sessionVersion !== jwt.sv) return null;
  return user;
}
