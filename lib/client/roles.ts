// Which roles the team screen offers for people: the rule the API applies (lib/users: a manager assigns
// only roles whose every permission they hold, and Admin only when they are an Admin), minus the roles
// meant for anonymous visitors (the built-in Public role and the current public API role).
import { isAdminRole, type Permission } from "../auth/permissions.ts";

interface RoleLike {
  id: number;
  name: string;
  builtin: boolean;
  permissions: readonly Permission[];
}

export interface Manager {
  /** The signed-in manager's own role name and permissions. */
  role: string;
  permissions: readonly string[];
}

/** The built-in role for anonymous API clients: never a person's role. */
export const isPublicRole = (role: { name: string; builtin: boolean }, publicRoleId: number | null, id?: number) =>
  (role.builtin && role.name.toLowerCase() === "public") || (publicRoleId !== null && id === publicRoleId);

/** Why `manager` may not assign `role` (the API would answer 403), or null when they may. */
export function assignRefusal(manager: Manager, role: RoleLike): string | null {
  if (isAdminRole(role) && !isAdminRole({ name: manager.role })) return "Only Admins may assign the Admin role.";
  const missing = role.permissions.filter((p) => !manager.permissions.includes(p));
  return missing.length ? `needs ${missing.join(", ")}` : null;
}

/** The roles to offer for a person: people's roles the manager may assign, plus the one they have now. */
export function peopleRoles<R extends RoleLike>(roles: readonly R[], manager: Manager, publicRoleId: number | null, currentRoleId?: number): R[] {
  return roles.filter((r) => r.id === currentRoleId || (!isPublicRole(r, publicRoleId, r.id) && assignRefusal(manager, r) === null));
}
