// Roles: named sets of `resource:action` permissions (API.md §4), and the rules that keep an install
// manageable: built-in roles stay, Admin keeps everything, a role in use is not deleted, the public
// role never reaches subscribers, and somebody active always keeps users:write.
import { db, type Db, type Prisma } from "../db.ts";
import { ApiError, DETAIL, notFound, validationError } from "../errors.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { auditActor, type Principal } from "../auth/principal.ts";
import { ALL_PERMISSIONS, isAdmin, isAdminRole, isAdminRoleMember, missingPermissions, normalizePermissions, permissionListColumn, type Permission } from "../auth/permissions.ts";
import { recordAudit } from "../audit/index.ts";
import { timestamps } from "../domain/fields.ts";
import { orderBy } from "../domain/ordering.ts";
import type { RoleFilters, RoleInput, RoleOut, RolePatch } from "../validation/roles.ts";

/** The client inside an interactive transaction. */
export type Tx = Parameters<Extract<Parameters<Db["$transaction"]>[0], (...args: never[]) => unknown>>[0];
type Client = Db | Tx;

const MAX_ATTEMPTS = 3;

/**
 * Changes to the team and its roles run serializably: two admins demoting each other at the same
 * moment must not both pass the "someone keeps users:write" guard. A serialization failure is retried.
 */
export async function teamTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn, { isolationLevel: "Serializable" });
    } catch (err) {
      if (!isWriteConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}

/** PostgreSQL's serialization failure: P2034 from a query, or the adapter's raw error from COMMIT. */
function isWriteConflict(err: unknown): boolean {
  const e = err as { code?: string; name?: string; cause?: { kind?: string } } | null;
  return e?.code === "P2034" || (e?.name === "DriverAdapterError" && e.cause?.kind === "TransactionWriteConflict");
}

export const MESSAGES = {
  builtinDelete: "Built-in roles cannot be deleted.",
  builtinRename: "Built-in roles cannot be renamed.",
  adminPermissions: "The Admin role always has every permission.",
  publicSubscribers: "The public API role cannot grant access to subscribers.",
  publicRoleInUse: "This role is the public API role.",
  lastManager: "At least one active user must keep the users:write permission, or nobody could manage the team.",
  selfDemote: "You cannot remove your own users:write permission; another user who manages the team must do it.",
} as const;

export const inUseMessage = (users: number) => `This role is in use by ${users} user${users === 1 ? "" : "s"}.`;

/** Resources the public API role may never reach, whatever it lists: people's addresses, and webhook endpoints. */
export const NEVER_PUBLIC = ["subscribers", "webhooks"] as const;
/** The first never-public resource these permissions reach, or undefined. */
export const neverPublicGrant = (permissions: Iterable<Permission>) => {
  const list = [...permissions];
  return NEVER_PUBLIC.find((r) => list.some((p) => p.startsWith(`${r}:`)));
};
export const publicGrantMessage = (resource: (typeof NEVER_PUBLIC)[number]) =>
  resource === "subscribers" ? MESSAGES.publicSubscribers : `The public API role cannot grant access to ${resource}.`;
export const grantsSubscribers = (permissions: Iterable<Permission>) => [...permissions].some((p) => p.startsWith("subscribers:"));
export const grantsUserManagement = (permissions: Iterable<Permission>) => isAdmin({ permissions });

/**
 * No role grants more than its holder has: whoever assigns a role, creates or changes one, or manages
 * a user or a token that has `permissions` must hold every one of them (a token's scopes and write
 * flag narrow what it holds), and what touches Admin (`admin`) passes only through Admins' hands.
 * The 403 names the missing permissions under `errors[field]`.
 */
export function assertMayGrant(
  principal: Principal,
  grant: { permissions: Iterable<Permission>; admin?: boolean },
  field: string,
  messages: { missing: (list: string) => string; admin: string },
): void {
  if (grant.admin && !isAdminRoleMember(principal)) throw new ApiError(403, DETAIL.forbidden, { errors: { [field]: [messages.admin] } });
  const missing = missingPermissions(principal.permissions, grant.permissions);
  if (missing.length) throw new ApiError(403, DETAIL.forbidden, { errors: { [field]: [messages.missing(missing.join(", "))] } });
}

const GRANT_PERMISSIONS = { missing: (list: string) => `You cannot grant permissions you do not have: ${list}.`, admin: "Only Admins may change the Admin role." };
const CHANGE_ROLE = { missing: (list: string) => `This role has permissions you do not have: ${list}.`, admin: "Only Admins may change the Admin role." };

/** Active users who hold users:write, other than the one user or the members of the one role named. */
export async function countOtherUserManagers(client: Client, exclude: { userId?: number; roleId?: number }): Promise<number> {
  const roles = await client.role.findMany({ select: { id: true, permissions: true } });
  const managerRoles = roles
    .filter((r) => r.id !== exclude.roleId && grantsUserManagement(permissionListColumn.decode(r.permissions)))
    .map((r) => r.id);
  if (managerRoles.length === 0) return 0;
  return client.user.count({
    where: { active: true, roleId: { in: managerRoles }, ...(exclude.userId !== undefined ? { id: { not: exclude.userId } } : {}) },
  });
}

export interface ResolvedRole {
  id: number;
  name: string;
  permissions: Permission[];
}

/**
 * The role a write names by id or by name (case-insensitive), or undefined when it names none.
 * Unknown ones, and an id and a name that disagree, are 400s on the field the client sent.
 */
export async function resolveRole(
  client: Client,
  ref: { id?: number; name?: string },
  fields: { id: string; name: string } = { id: "role_id", name: "role" },
): Promise<ResolvedRole | undefined> {
  const select = { id: true, name: true, permissions: true } as const;
  const byId = ref.id !== undefined ? await client.role.findUnique({ where: { id: ref.id }, select }) : undefined;
  if (byId === null) throw validationError({ [fields.id]: [`Role ${ref.id} does not exist.`] });
  const byName = ref.name !== undefined ? await client.role.findUnique({ where: { nameLower: ref.name.toLowerCase() }, select }) : undefined;
  if (byName === null) throw validationError({ [fields.name]: [`There is no role named "${ref.name}".`] });
  if (byId && byName && byId.id !== byName.id) {
    throw validationError({ [fields.name]: [`${fields.name} and ${fields.id} name different roles.`] });
  }
  const role = byId ?? byName;
  return role ? { id: role.id, name: role.name, permissions: permissionListColumn.decode(role.permissions) } : undefined;
}

const select = {
  id: true,
  name: true,
  description: true,
  builtin: true,
  permissions: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { users: true } },
} satisfies Prisma.RoleSelect;

type RoleRow = Prisma.RoleGetPayload<{ select: typeof select }>;

export function serializeRole(r: RoleRow): RoleOut {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    builtin: r.builtin,
    permissions: normalizePermissions(permissionListColumn.decode(r.permissions)),
    user_count: r._count.users,
    ...timestamps(r),
  };
}

export async function listRoles(filters: RoleFilters, page: PageWindow) {
  const q = filters.q?.trim().toLowerCase();
  // A filter left out is undefined, which Prisma ignores.
  const where = { builtin: filters.builtin, nameLower: q ? { contains: q } : undefined };
  const order = orderBy(filters.ordering, { id: "id", name: "nameLower", created_at: "createdAt" }, [{ field: "id", desc: false }]);
  return pagedQuery(db.role, { where, select, orderBy: order }, page, serializeRole);
}

async function findRole(client: Client, id: number) {
  const row = await client.role.findUnique({ where: { id }, select });
  if (!row) throw notFound();
  return row;
}

export async function getRole(id: number) {
  return serializeRole(await findRole(db, id));
}

/** A taken name (any case) is the unique constraint's 409 (lib/api/map-error), race or not. */
export async function createRole(principal: Principal, input: RoleInput) {
  const permissions = input.permissions ?? [];
  assertMayGrant(principal, { permissions }, "permissions", GRANT_PERMISSIONS);
  const row = await db.role.create({
    data: { name: input.name, nameLower: input.name.toLowerCase(), description: input.description ?? "", permissions: permissionListColumn.encode(permissions) },
    select,
  });
  await recordAudit(auditActor(principal), { action: "role.create", targetType: "role", targetId: row.id, detail: { name: row.name, permissions } });
  return serializeRole(row);
}

export const ROLE_DEFAULTS = { description: "", permissions: [] as Permission[] };

/** PATCH semantics; PUT passes a full RoleInput with defaults filled in. */
export async function updateRole(principal: Principal, id: number, input: RolePatch) {
  const { row, changes } = await teamTransaction(async (tx) => {
    const role = await findRole(tx, id);
    const before = permissionListColumn.decode(role.permissions);
    const after = input.permissions ?? before;
    assertMayGrant(principal, { permissions: before, admin: isAdminRole(role) }, "non_field_errors", CHANGE_ROLE);
    assertMayGrant(principal, { permissions: after }, "permissions", GRANT_PERMISSIONS);
    if (input.name !== undefined && input.name !== role.name) {
      if (role.builtin) throw validationError({ name: [MESSAGES.builtinRename] });
    }
    if (input.permissions !== undefined && isAdminRole(role) && input.permissions.length !== ALL_PERMISSIONS.length) {
      throw validationError({ permissions: [MESSAGES.adminPermissions] });
    }
    const neverPublic = input.permissions !== undefined ? neverPublicGrant(input.permissions) : undefined;
    if (neverPublic) {
      const settings = await tx.settings.findUnique({ where: { id: 1 }, select: { publicRoleId: true } });
      if (settings?.publicRoleId === id) throw validationError({ permissions: [publicGrantMessage(neverPublic)] });
    }
    if (grantsUserManagement(before) && !grantsUserManagement(after)) {
      if (principal.user?.role.id === id) throw new ApiError(400, MESSAGES.selfDemote);
      if ((await countOtherUserManagers(tx, { roleId: id })) === 0) throw new ApiError(400, MESSAGES.lastManager);
    }
    const updated = await tx.role.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name, nameLower: input.name.toLowerCase() } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.permissions !== undefined ? { permissions: permissionListColumn.encode(input.permissions) } : {}),
      },
      select,
    });
    const added = after.filter((p) => !before.includes(p));
    const removed = before.filter((p) => !after.includes(p));
    return {
      row: updated,
      changes: {
        ...(updated.name !== role.name ? { name: { from: role.name, to: updated.name } } : {}),
        ...(updated.description !== role.description ? { description: true } : {}),
        ...(added.length || removed.length ? { permissions: { added, removed } } : {}),
      },
    };
  });
  await recordAudit(auditActor(principal), { action: "role.update", targetType: "role", targetId: id, detail: { name: row.name, changes } });
  return serializeRole(row);
}

export async function deleteRole(principal: Principal, id: number) {
  const name = await teamTransaction(async (tx) => {
    const role = await findRole(tx, id);
    assertMayGrant(principal, { permissions: permissionListColumn.decode(role.permissions), admin: isAdminRole(role) }, "non_field_errors", CHANGE_ROLE);
    if (role.builtin) throw new ApiError(400, MESSAGES.builtinDelete);
    if (role._count.users > 0) throw new ApiError(409, inUseMessage(role._count.users));
    const settings = await tx.settings.findUnique({ where: { id: 1 }, select: { publicRoleId: true } });
    if (settings?.publicRoleId === id) throw new ApiError(409, MESSAGES.publicRoleInUse);
    await tx.role.delete({ where: { id } });
    return role.name;
  });
  await recordAudit(auditActor(principal), { action: "role.delete", targetType: "role", targetId: id, detail: { name } });
}
