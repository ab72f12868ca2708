// /api/v1/roles: roles and their permissions.
import { body } from "../api/operation.ts";
import { ROLE_DEFAULTS, createRole, deleteRole, getRole, listRoles, updateRole } from "../roles/index.ts";
import { RoleFilters, RoleInput, RoleOut, RolePatch } from "../validation/roles.ts";
import { resource } from "./resource.ts";

export const ROLES = resource(
  { tag: "Roles", resource: "roles", path: "/api/v1/roles", name: "Role", noun: "a role" },
  { out: RoleOut, filters: RoleFilters, input: body({ RoleInput }), patch: body({ RolePatch }), defaults: ROLE_DEFAULTS },
  { list: (_principal, query, page) => listRoles(query, page), create: createRole, get: (_principal, id) => getRole(id), update: updateRole, remove: deleteRole },
  { delete: { summary: "Delete a custom role", description: "Built-in roles cannot be deleted." } },
);
