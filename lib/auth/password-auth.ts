// Email + password authentication, shared by Basic auth, token provisioning and the browser sign-in.
// An attempt is reserved against the per-(account, IP) and per-IP budgets before the password is even
// looked at, and given back unless the password turned out wrong. Wrong and throttled attempts are
// audited, aggregated (lib/audit/attacks.ts), naming the account only when it exists.
import { db } from "../db.ts";
import { ApiError, DETAIL } from "../errors.ts";
import { noteAttack, type AttackKind } from "../audit/attacks.ts";
import { verifyPassword } from "./passwords.ts";
import { reservePasswordAttempt } from "./throttle.ts";
import { toPrincipalUser, userSelect, type PrincipalUser } from "./principal.ts";

export type PasswordVia = "basic" | "sign_in" | "provision";

const FAILED: Record<PasswordVia, AttackKind> = {
  basic: "auth.basic_failed",
  sign_in: "user.sign_in_failed",
  provision: "token.provision_failed",
};

export async function authenticatePassword(email: string, password: string, ip: string, via: PasswordVia = "basic"): Promise<PrincipalUser> {
  const normalized = email.trim().toLowerCase();
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
    return toPrincipalUser(user);
  } finally {
    if (!wrong) await attempt.release();
  }
}
