// /api/v1/roles: roles and their permissions.
import { body, named, operation } from "../api/operation.ts";
import { created, noContent, ok } from "../api/respond.ts";
import { parseId } from "../ids.ts";
import { ROLE_DEFAULTS, createRole, deleteRole, getRole, listRoles, updateRole } from "../roles/index.ts";
import { RoleFilters, RoleInput, RoleOut, RolePatch } from "../validation/roles.ts";
import { NO_CONTENT, list } from "./shared.ts";

const Role = named("Role", RoleOut);
const common = { tag: "Roles", resource: "roles" } as const;
const COLLECTION = "/api/v1/roles";
const DETAIL = "/api/v1/roles/{id}";

export const ROLES = {
  list: operation({
    ...common, method: "GET", path: COLLECTION, operationId: "listRoles", summary: "List roles",
    query: RoleFilters, responses: { 200: list(Role) },
    list: ({ query, page }) => listRoles(query, page),
  }),
  create: operation({
    ...common, method: "POST", path: COLLECTION, operationId: "createRole", summary: "Create a role",
    body: body({ RoleInput }), responses: { 201: Role },
    run: async ({ principal, body }) => created(await createRole(principal, body)),
  }),
  get: operation({
    ...common, method: "GET", path: DETAIL, operationId: "getRole", summary: "Read a role", responses: { 200: Role },
    run: async ({ params }) => ok(await getRole(parseId(params.id))),
  }),
  replace: operation({
    ...common, method: "PUT", path: DETAIL, operationId: "replaceRole", summary: "Replace a role",
    body: body({ RoleInput }), responses: { 200: Role },
    run: async ({ principal, params, body }) => ok(await updateRole(principal, parseId(params.id), { ...ROLE_DEFAULTS, ...body })),
  }),
  update: operation({
    ...common, method: "PATCH", path: DETAIL, operationId: "updateRole", summary: "Change some fields of a role",
    body: body({ RolePatch }), responses: { 200: Role },
    run: async ({ principal, params, body }) => ok(await updateRole(principal, parseId(params.id), body)),
  }),
  delete: operation({
    ...common, method: "DELETE", path: DETAIL, operationId: "deleteRole", summary: "Delete a custom role", description: "Built-in roles cannot be deleted.", responses: NO_CONTENT,
    run: async ({ principal, params }) => {
      await deleteRole(principal, parseId(params.id));
      return noContent();
    },
  }),
};
