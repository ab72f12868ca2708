// A browser session cookie, minted the way next-auth mints it (a JWE under NEXTAUTH_SECRET), with a
// session id of its own as Beacon's sign-in gives it.
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { db } from "../../lib/db.ts";

export async function sessionCookie(userId: number, options: { maxAge?: number; sv?: number } = {}): Promise<string> {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  const token = await encode({
    token: { uid: userId, sv: options.sv ?? sessionVersion, sid: randomBytes(18).toString("base64url"), sub: String(userId) },
    secret: process.env.NEXTAUTH_SECRET!,
    maxAge: options.maxAge ?? 3600,
  });
  return `next-auth.session-token=${token}`;
}
