// May this principal use this operation? The one check, for the REST wrapper (lib/api/handler.ts), the
// browsable API's forms and GraphQL's fields alike, from the operation's declaration (lib/api/operation.ts).
import { ApiError, DETAIL } from "../errors.ts";
import { isReadOnlyToken, isSafeMethod, type Permission } from "./permissions.ts";
import type { Principal } from "./principal.ts";

export interface AccessRule {
  /** The permission the principal needs; none means any principal, anonymous included. */
  permission?: Permission;
  /** Refuse anonymous requests with a 401 even when no permission is named. */
  requireUser?: boolean;
  /** Open to anonymous requests even when no public API role is set (getting or revoking a key). */
  open?: boolean;
  /** Let a read-only token use this unsafe method (revoking itself, revoking by key). */
  allowReadOnlyToken?: boolean;
}

/** Why the principal may not use an operation with this rule through `method` (the error to answer), or null when it may. */
export function refusal(rule: AccessRule, principal: Principal, method: string): ApiError | null {
  const unsafe = !isSafeMethod(method);
  if (isReadOnlyToken(principal.token) && unsafe && !rule.allowReadOnlyToken) {
    return new ApiError(403, DETAIL.readOnlyToken);
  }
  const needed = rule.permission;
  const loginRequired = principal.loginRequired && !rule.open;
  if ((rule.requireUser || loginRequired || (needed && !principal.permissions.has(needed))) && !principal.user) {
    return new ApiError(401, DETAIL.notProvided);
  }
  if (needed && !principal.permissions.has(needed)) return new ApiError(403, DETAIL.forbidden);
  return null;
}

/**
 * Throws the refusal, if any. GraphQL passes the REST operation a field stands for, so a field is refused
 * exactly as its route would be (a write on a read-only token included).
 */
export function assertPermitted(principal: Principal, operation: AccessRule & { method: string }): void {
  const error = refusal(operation, principal, operation.method);
  if (error) throw error;
}
