// The principal: who a request acts as, how it authenticated, and what it may do.
import type { Prisma } from "../db.ts";
import { permissionListColumn, type Permission } from "./permissions.ts";
import { ApiError, DETAIL } from "../errors.ts";

export type AuthMethod = "token" | "basic" | "session";

/** What every credential reads of its user: the session version too, which only sessions check. */
export const userSelect = {
  id: true,
  email: true,
  name: true,
  active: true,
  canManageTokens: true,
  sessionVersion: true,
  role: { select: { id: true, name: true, permissions: true } },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

/** The user a request acts as: their row, with the role's permissions decoded. */
export type PrincipalUser = Omit<UserRow, "sessionVersion" | "role"> & { role: Omit<UserRow["role"], "permissions"> & { permissions: Permission[] } };

export function toPrincipalUser(u: UserRow): PrincipalUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    active: u.active,
    canManageTokens: u.canManageTokens,
    role: { id: u.role.id, name: u.role.name, permissions: permissionListColumn.decode(u.role.permissions) },
  };
}

/** What a token-authenticated request knows of its token. */
export const principalTokenSelect = {
  id: true,
  display: true,
  description: true,
  expiresAt: true,
  writeEnabled: true,
  allowedIps: true,
  scopes: true,
} satisfies Prisma.ApiTokenSelect;

type TokenRow = Prisma.ApiTokenGetPayload<{ select: typeof principalTokenSelect }>;

/** The token a request authenticated with: its row, lists decoded (expiresAt is the grace window's end for a pre-refresh key). */
export type PrincipalToken = Omit<TokenRow, "allowedIps" | "scopes"> & {
  allowedIps: string[];
  scopes: Permission[];
  /** True when the key used is the previous key of a refreshed token, inside its grace period. */
  viaGraceKey: boolean;
};

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
