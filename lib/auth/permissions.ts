// Permissions are data (`resource:action`) plus small functions over them (API.md §4).
import { listColumn } from "../lists.ts";

export const RESOURCES = [
  "components",
  "incidents",
  "subscribers",
  "pages",
  "menus",
  "users",
  "tokens",
  "roles",
  "settings",
  "webhooks",
] as const;
export const ACTIONS = ["read", "write"] as const;

export type Resource = (typeof RESOURCES)[number];
export type Action = (typeof ACTIONS)[number];
export type Permission = `${Resource}:${Action}`;

export const ALL_PERMISSIONS: Permission[] = RESOURCES.flatMap((r) => ACTIONS.map((a) => `${r}:${a}` as Permission));

export function isPermission(value: string): value is Permission {
  return (ALL_PERMISSIONS as string[]).includes(value);
}

const rw = (...resources: Resource[]): Permission[] => resources.flatMap((r) => [`${r}:read`, `${r}:write`] as Permission[]);
const read = (...resources: Resource[]): Permission[] => resources.map((r) => `${r}:read` as Permission);

/** The built-in roles, created at setup and never deletable. */
export const BUILTIN_ROLES: { name: string; description: string; permissions: Permission[] }[] = [
  { name: "Admin", description: "Everything, including the team, roles and settings.", permissions: ALL_PERMISSIONS },
  {
    name: "Editor",
    description: "Reads and writes the status page and content; manages their own tokens.",
    permissions: [...rw("components", "incidents", "pages", "menus", "subscribers"), ...rw("tokens")],
  },
  {
    name: "Viewer",
    description: "Reads everything but the team, roles and settings; manages their own tokens.",
    permissions: [...read("components", "incidents", "subscribers", "pages", "menus"), ...rw("tokens")],
  },
  {
    name: "Public",
    description: "What anonymous visitors of the public API may read, when set as the public API role.",
    permissions: read("components", "incidents", "pages", "menus"),
  },
];

/**
 * What an anonymous request may ever do, whatever the public role grants: read public content.
 * Subscribers, webhooks, the team, tokens, roles and settings are never public, and nothing is writable.
 */
export const ANONYMOUS_CEILING: ReadonlySet<Permission> = new Set(read("components", "incidents", "pages", "menus"));

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/** A role's permissions and a token's scopes as stored: known permissions only, in their stored order. */
export const permissionListColumn = listColumn((value): value is Permission => typeof value === "string" && isPermission(value));

/** Sorted in the canonical order of ALL_PERMISSIONS, without duplicates. */
export function normalizePermissions(list: Iterable<string>): Permission[] {
  const set = new Set(list);
  return ALL_PERMISSIONS.filter((p) => set.has(p));
}

/** Admins manage the team (API.md §3: who holds users:write): they see everyone's tokens and the whole audit log. */
export const ADMIN_PERMISSION: Permission = "users:write";

/** Whether these permissions (a principal's, a page user's, a role's) make an admin. */
export function isAdmin(holder: { permissions: Iterable<Permission> } | null | undefined): boolean {
  if (!holder) return false;
  const { permissions } = holder;
  return permissions instanceof Set ? permissions.has(ADMIN_PERMISSION) : [...permissions].includes(ADMIN_PERMISSION);
}

/**
 * The read-only-token rule (API.md §3): a token without write access only reads. It keeps only the read
 * permissions (below), and may not use an unsafe method unless the operation allows it (lib/auth/access.ts).
 */
export function isReadOnlyToken(token: { writeEnabled: boolean } | null | undefined): boolean {
  return !!token && !token.writeEnabled;
}

/** A user's role permissions narrowed by a token: scopes (when any) and the write flag. */
export function effectivePermissions(
  rolePermissions: Iterable<Permission>,
  token?: { scopes: Permission[]; writeEnabled: boolean } | null,
): Set<Permission> {
  let perms = new Set(rolePermissions);
  if (token) {
    if (token.scopes.length > 0) perms = new Set(token.scopes.filter((s) => perms.has(s)));
    if (isReadOnlyToken(token)) perms = new Set([...perms].filter((p) => p.endsWith(":read")));
  }
  return perms;
}

export function anonymousPermissions(publicRolePermissions: Iterable<Permission> | null): Set<Permission> {
  if (!publicRolePermissions) return new Set();
  return new Set([...publicRolePermissions].filter((p) => ANONYMOUS_CEILING.has(p)));
}

/** The built-in Admin role: it cannot be renamed, and no other role can take its name (names are unique). */
export const isAdminRole = (role: { name: string }) => role.name.toLowerCase() === "admin";

/** Whether a principal acts as a member of the built-in Admin role: only they assign, remove or change Admin. */
export const isAdminRoleMember = (principal: { user: { role: { name: string } } | null }) => principal.user !== null && isAdminRole(principal.user.role);

/** The permissions of `wanted` that `held` lacks, in canonical order. */
export function missingPermissions(held: ReadonlySet<Permission>, wanted: Iterable<Permission>): Permission[] {
  return normalizePermissions([...wanted].filter((p) => !held.has(p)));
}
