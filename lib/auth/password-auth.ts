// Email + password authentication, shared by Basic auth, token provisioning and the browser sign-in.
// An attempt is reserved against the per-(account, IP) and per-IP budgets before the password is even
// looked at, and given back unless the password turned out wrong. Wrong and throttled attempts are
// audited, aggregated (lib/audit/attacks.ts), naming the account only when it exists.
// Basic auth first asks the cache of verified credentials (lib/auth/password-cache.ts): a hit costs one
// read of the user (revalidating session_version and active) and no argon2 and no reservation.
import { db } from "../db.ts";
import { ApiError, DETAIL } from "../errors.ts";
import { noteAttack, type AttackKind } from "../audit/attacks.ts";
import { verifyPassword } from "./passwords.ts";
import { credentialKey, forgetVerified, lookupVerified, rememberVerified } from "./password-cache.ts";
import { assertPasswordAllowed, reservePasswordAttempt } from "./throttle.ts";
import { toPrincipalUser, userSelect, type PrincipalUser } from "./principal.ts";
import { findUserById } from "./lookups.ts";

export type PasswordVia = "basic" | "sign_in" | "provision";

const FAILED: Record<PasswordVia, AttackKind> = {
  basic: "auth.basic_failed",
  sign_in: "user.sign_in_failed",
  provision: "token.provision_failed",
};

/** The user of an already verified credential while it still holds (same e-mail, session_version, active), else null. */
async function cachedUser(cacheKey: string, email: string, ip: string): Promise<PrincipalUser | null> {
  const verified = lookupVerified(cacheKey);
  if (!verified) return null;
  await assertPasswordAllowed(email, ip);
  const user = await findUserById(verified.userId);
  if (user && user.active && user.email === verified.email && user.sessionVersion === verified.sessionVersion) return toPrincipalUser(user);
  // Changed since: the full check below decides (and counts a wrong password as one).
  forgetVerified(cacheKey);
  return null;
}

export async function authenticatePassword(email: string, password: string, ip: string, via: PasswordVia = "basic"): Promise<PrincipalUser> {
  const normalized = email.trim().toLowerCase();
  const cacheKey = via === "basic" ? credentialKey(normalized, password) : null;
  if (cacheKey) {
    const hit = await cachedUser(cacheKey, normalized, ip);
    if (hit) return hit;
  }
  const attempt = await reservePasswordAttempt(normalized, ip);
  let wrong = false;
  try {
    const user = normalized && !normalized.includes("\u0000")
      ? await db.user.findUnique({ where: { email: normalized }, select: { ...userSelect, passwordHash: true } })
      : null;
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      wrong = true;
      await noteAttack(FAILED[via], ip, user?.id ?? null);
      throw new ApiError(401, DETAIL.badPassword);
    }
    if (!user.active) throw new ApiError(401, DETAIL.userInactive);
    if (cacheKey) rememberVerified(cacheKey, { userId: user.id, email: user.email, sessionVersion: user.sessionVersion });
    return toPrincipalUser(user);
  } finally {
    if (!wrong) await attempt.release();
  }
}
