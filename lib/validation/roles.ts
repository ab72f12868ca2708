import { z, name, text, queryBool, listFilters, search, storedOut } from "./common.ts";
import { ALL_PERMISSIONS, isPermission, normalizePermissions, type Permission } from "../auth/permissions.ts";

/** A list of `resource:action` strings; unknown ones are all named in one error. Output: canonical order. */
export const permissionList = z.array(z.string()).transform((list, ctx): Permission[] => {
  const unknown = [...new Set(list.filter((p) => !isPermission(p)))];
  if (unknown.length) {
    ctx.addIssue({
      code: "custom",
      message: `Unknown permission${unknown.length > 1 ? "s" : ""}: ${unknown.map((p) => JSON.stringify(p)).join(", ")}. Use resource:action, e.g. "components:read".`,
    });
    return z.NEVER;
  }
  return normalizePermissions(list);
});

const roleFields = {
  name,
  description: text(1000).optional(),
  permissions: permissionList.optional(),
};

export const RoleInput = z.strictObject(roleFields);
export type RoleInput = z.infer<typeof RoleInput>;

export const RolePatch = RoleInput.partial();
export type RolePatch = z.infer<typeof RolePatch>;

export const RoleFilters = listFilters(["id", "name", "created_at"], {
  q: search(),
  builtin: queryBool.optional(),
});
export type RoleFilters = z.infer<typeof RoleFilters>;

export const RoleOut = storedOut({
  name: z.string(),
  description: z.string(),
  builtin: z.boolean(),
  permissions: z.array(z.enum(ALL_PERMISSIONS)),
  user_count: z.number().int(),
});
export type RoleOut = z.infer<typeof RoleOut>;
