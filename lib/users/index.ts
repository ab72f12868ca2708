// Team members: queries and the rules that keep an install manageable. Password hashes never leave
// (lib/db omits them); changes that should end browser sessions bump session_version; nobody removes
// their own access to the team, and somebody active always keeps users:write.
import { db, type Prisma } from "../db.ts";
import { ApiError, DETAIL, notFound } from "../errors.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { auditActor, type Principal } from "../auth/principal.ts";
import { isAdminRole, permissionListColumn } from "../auth/permissions.ts";
import { hashPassword, randomPassword } from "../auth/passwords.ts";
import { recordAudit } from "../audit/index.ts";
import { timestamps } from "../domain/fields.ts";
import { orderBy } from "../domain/ordering.ts";
import { createToken, serializeToken } from "../tokens/index.ts";
import { newTokenLimits } from "../tokens/manage.ts";
import {
  MESSAGES as ROLE_MESSAGES,
  assertMayGrant,
  countOtherUserManagers,
  grantsUserManagement,
  resolveRole,
  teamTransaction,
  type ResolvedRole,
} from "../roles/index.ts";
import type { UserCreate, UserFilters, UserOut, UserPatch } from "../validation/users.ts";

export const MESSAGES = {
  selfDeactivate: "You cannot deactivate your own account.",
  selfDelete: "You cannot delete your own account.",
  selfDemote: "You cannot move yourself to a role without users:write; another user who manages the team must do it.",
} as const;

const ASSIGN_ROLE = {
  missing: (list: string) => `You cannot assign a role with permissions you do not have: ${list}.`,
  admin: "Only Admins may assign the Admin role.",
};
const MANAGE_USER = {
  missing: (list: string) => `This user's role has permissions you do not have: ${list}.`,
  admin: "Only Admins may change an Admin.",
};

/** Assigning `role` needs every permission it grants; Admin only by Admins. */
function assertMayAssign(principal: Principal, role: ResolvedRole, input: { role?: string }): void {
  assertMayGrant(principal, { permissions: role.permissions, admin: isAdminRole(role) }, input.role !== undefined ? "role" : "role_id", ASSIGN_ROLE);
}

/** Changing or deleting a user needs everything their role has (else a password reset would take it over). */
function assertMayManageUser(principal: Principal, user: { role: { name: string; permissions: string } }): void {
  assertMayGrant(principal, { permissions: permissionListColumn.decode(user.role.permissions), admin: isAdminRole(user.role) }, "non_field_errors", MANAGE_USER);
}

/**
 * A token's limits (expiry, allowed IPs, scopes) must not be escaped through the accounts it manages:
 * a request authenticated by a token sets no password, reactivates nobody and lets nobody manage tokens
 * again, since each would leave a credential behind that the token's limits do not bind.
 */
function assertTokenMintsNoCredential(principal: Principal, change: { password?: boolean; reactivates?: boolean; enablesTokens?: boolean }): void {
  if (!principal.token) return;
  const errors: Record<string, string[]> = {};
  if (change.password) errors.password = ["A request authenticated by a token cannot set passwords; use a password or a browser session."];
  if (change.reactivates) errors.active = ["A request authenticated by a token cannot reactivate a user."];
  if (change.enablesTokens) errors.can_manage_tokens = ["A request authenticated by a token cannot give a user back token management."];
  if (Object.keys(errors).length) throw new ApiError(403, DETAIL.forbidden, { errors });
}

const select = {
  id: true,
  email: true,
  name: true,
  roleId: true,
  active: true,
  canManageTokens: true,
  createdAt: true,
  updatedAt: true,
  role: { select: { name: true } },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof select }>;

export function serializeUser(u: UserRow): UserOut {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role_id: u.roleId,
    role: u.role.name,
    active: u.active,
    can_manage_tokens: u.canManageTokens,
    ...timestamps(u),
  };
}

export async function listUsers(filters: UserFilters, page: PageWindow) {
  const q = filters.q?.trim().toLowerCase();
  // A filter left out is undefined, which Prisma ignores.
  const where = {
    roleId: filters.role_id,
    active: filters.active,
    role: filters.role !== undefined ? { nameLower: filters.role.trim().toLowerCase() } : undefined,
    OR: q ? [{ email: { contains: q } }, { nameLower: { contains: q } }] : undefined,
  };
  const order = orderBy(filters.ordering, { id: "id", email: "email", name: "nameLower", created_at: "createdAt" }, [{ field: "id", desc: false }]);
  return pagedQuery(db.user, { where, select, orderBy: order }, page, serializeUser);
}

export async function getUser(id: number) {
  const row = await db.user.findUnique({ where: { id }, select });
  if (!row) throw notFound();
  return serializeUser(row);
}

/** Creates a user and, when asked, their first token (bot accounts): its key is in this response only. */
export async function createUser(principal: Principal, input: UserCreate) {
  assertTokenMintsNoCredential(principal, { password: input.password !== undefined });
  const role = (await resolveRole(db, { id: input.role_id, name: input.role }))!;
  assertMayAssign(principal, role, input);
  // The first token follows the rules of every token made through a credential (API.md §3).
  const firstLimits = input.create_token ? newTokenLimits(principal, { write_enabled: input.token_write_enabled }, role.permissions) : null;
  const name = input.name ?? "";
  // Without a password the account has none anybody knows: a hash of a random secret, never shown.
  const passwordHash = await hashPassword(input.password ?? randomPassword());
  // A taken e-mail is the unique constraint's 409 (lib/api/map-error), race or not.
  const row = await db.user.create({
    data: {
      email: input.email,
      name,
      nameLower: name.toLowerCase(),
      passwordHash,
      roleId: role.id,
      active: input.active ?? true,
      canManageTokens: input.can_manage_tokens ?? true,
    },
    select,
  });

  let first;
  if (firstLimits) {
    try {
      first = await createToken({
        userId: row.id,
        createdById: principal.user?.id ?? null,
        description: input.token_description ?? "",
        ...firstLimits,
      });
    } catch (err) {
      await db.user.delete({ where: { id: row.id } }).catch(() => {});
      throw err;
    }
  }

  const actor = auditActor(principal);
  await recordAudit(actor, {
    action: "user.create",
    targetType: "user",
    targetId: row.id,
    subjectId: row.id,
    detail: { email: row.email, role: role.name, active: row.active, password_set: input.password !== undefined },
  });
  if (first) {
    await recordAudit(actor, {
      action: "token.create",
      targetType: "token",
      targetId: first.token.id,
      subjectId: row.id,
      detail: { via: "user.create", description: first.token.description, write_enabled: first.token.writeEnabled },
    });
  }
  return { ...serializeUser(row), ...(first ? { token: serializeToken(first.token, first.key) } : {}) };
}

export const USER_DEFAULTS = { name: "", active: true, can_manage_tokens: true } as const;

/** PATCH semantics; PUT passes a full user with defaults filled in. A missing password is kept. */
export async function updateUser(principal: Principal, id: number, input: UserPatch) {
  assertTokenMintsNoCredential(principal, { password: input.password !== undefined });
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  const { before, after } = await teamTransaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id }, select: { ...select, role: { select: { name: true, permissions: true } } } });
    if (!current) throw notFound();
    assertMayManageUser(principal, current);
    const newRole = await resolveRole(tx, { id: input.role_id, name: input.role });
    if (newRole !== undefined && newRole.id !== current.roleId) assertMayAssign(principal, newRole, input);
    assertTokenMintsNoCredential(principal, {
      reactivates: !current.active && input.active === true,
      enablesTokens: !current.canManageTokens && input.can_manage_tokens === true,
    });

    const active = input.active ?? current.active;
    const roleChanged = newRole !== undefined && newRole.id !== current.roleId;
    const deactivated = current.active && !active;
    const currentPermissions = permissionListColumn.decode(current.role.permissions);
    const wasManager = current.active && grantsUserManagement(currentPermissions);
    const isManager = active && grantsUserManagement(newRole ? newRole.permissions : currentPermissions);
    const self = principal.user?.id === id;
    if (self && deactivated) throw new ApiError(400, MESSAGES.selfDeactivate);
    if (wasManager && !isManager) {
      if (self) throw new ApiError(400, MESSAGES.selfDemote);
      if ((await countOtherUserManagers(tx, { userId: id })) === 0) throw new ApiError(400, ROLE_MESSAGES.lastManager);
    }

    const updated = await tx.user.update({
      where: { id },
      data: {
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.name !== undefined ? { name: input.name, nameLower: input.name.toLowerCase() } : {}),
        ...(newRole !== undefined ? { roleId: newRole.id } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.can_manage_tokens !== undefined ? { canManageTokens: input.can_manage_tokens } : {}),
        ...(passwordHash !== undefined ? { passwordHash } : {}),
        // A new password, a deactivation or a new role ends the user's browser sessions.
        ...(passwordHash !== undefined || deactivated || roleChanged ? { sessionVersion: { increment: 1 } } : {}),
      },
      select,
    });
    return { before: current, after: updated };
  });

  const changes: Record<string, unknown> = {};
  for (const [field, from, to] of [
    ["email", before.email, after.email],
    ["name", before.name, after.name],
    ["role", before.role.name, after.role.name],
    ["active", before.active, after.active],
    ["can_manage_tokens", before.canManageTokens, after.canManageTokens],
  ] as const) {
    if (from !== to) changes[field] = { from, to };
  }
  if (passwordHash !== undefined) changes.password = "changed";
  await recordAudit(auditActor(principal), { action: "user.update", targetType: "user", targetId: id, subjectId: id, detail: { email: after.email, changes } });
  return serializeUser(after);
}

/** Deletes a user; their tokens go with them (cascade). */
export async function deleteUser(principal: Principal, id: number) {
  const email = await teamTransaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { email: true, active: true, role: { select: { name: true, permissions: true } } } });
    if (!user) throw notFound();
    assertMayManageUser(principal, user);
    if (principal.user?.id === id) throw new ApiError(400, MESSAGES.selfDelete);
    if (user.active && grantsUserManagement(permissionListColumn.decode(user.role.permissions)) && (await countOtherUserManagers(tx, { userId: id })) === 0) {
      throw new ApiError(400, ROLE_MESSAGES.lastManager);
    }
    await tx.user.delete({ where: { id } });
    return user.email;
  });
  await recordAudit(auditActor(principal), { action: "user.delete", targetType: "user", targetId: id, subjectId: id, detail: { email } });
}
