// Email + password authentication, shared by Basic auth, token provisioning and the browser sign-in.
// Throttled per (account, IP) and per IP before the password is even looked at.
import { db } from "../db.ts";
import { ApiError, DETAIL } from "../errors.ts";
import { verifyPassword } from "./passwords.ts";
import { assertPasswordAttemptAllowed, recordPasswordFailure } from "./throttle.ts";
import { userSelect } from "./principal.ts";

export async function authenticatePassword(email: string, password: string, ip: string) {
  const normalized = email.trim().toLowerCase();
  await assertPasswordAttemptAllowed(normalized, ip);
  const user = normalized && !normalized.includes("\u0000")
    ? await db.user.findUnique({ where: { email: normalized }, select: { ...userSelect, passwordHash: true } })
    : null;
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) {
    await recordPasswordFailure(normalized, ip);
    throw new ApiError(401, DETAIL.badPassword);
  }
  if (!user.active) throw new ApiError(401, DETAIL.userInactive);
  const { passwordHash: _omit, ...rest } = user;
  return rest;
}
