// The principal: who a request acts as, how it authenticated, and what it may do.
import type { Permission } from "./permissions.ts";
import { ApiError, DETAIL } from "../errors.ts";

export type AuthMethod = "token" | "basic" | "session";

export interface PrincipalUser {
  id: number;
  email: string;
  name: string;
  active: boolean;
  canManageTokens: boolean;
  role: { id: number; name: string; permissions: Permission[] };
}

export interface PrincipalToken {
  id: number;
  display: string;
  description: string;
  expiresAt: Date | null;
  writeEnabled: boolean;
  allowedIps: string[];
  scopes: Permission[];
  /** True when the key used is the previous key of a refreshed token, inside its grace period. */
  viaGraceKey: boolean;
}

export interface Principal {
  user: PrincipalUser | null;
  method: AuthMethod | null;
  token: PrincipalToken | null;
  permissions: ReadonlySet<Permission>;
  ip: string;
  /** When the request arrived, before its credentials were checked (a refresh that started before another one committed lost the race). */
  receivedAt?: Date;
  /** Anonymous and no public API role is set: every request needs credentials (NetBox LOGIN_REQUIRED). */
  loginRequired?: boolean;
}

export const userSelect = {
  id: true,
  email: true,
  name: true,
  active: true,
  canManageTokens: true,
  sessionVersion: true,
  role: { select: { id: true, name: true, permissions: true } },
} as const;

export function isAuthenticated(p: Principal): p is Principal & { user: PrincipalUser } {
  return p.user !== null;
}

/** The principal as a signed-in one; 401 when anonymous (the wrapper normally refuses those first). */
export function signedIn(p: Principal): Principal & { user: PrincipalUser } {
  if (!p.user) throw new ApiError(401, DETAIL.notProvided);
  return p as Principal & { user: PrincipalUser };
}

export function can(p: Principal, permission: Permission): boolean {
  return p.permissions.has(permission);
}

/** A label for audit records: "alice@example.com", or "anonymous". */
export function principalLabel(p: Principal): string {
  return p.user?.email ?? "anonymous";
}

export function auditActor(p: Principal) {
  return { userId: p.user?.id ?? null, label: principalLabel(p), ip: p.ip, authMethod: p.method, tokenId: p.token?.id ?? null };
}
