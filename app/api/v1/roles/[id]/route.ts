import { api, endpoint } from "@/lib/api/handler";
import { noContent, ok } from "@/lib/api/respond";
import { parseId } from "@/lib/ids";
import { RoleInput, RolePatch } from "@/lib/validation/roles";
import { ROLE_DEFAULTS, deleteRole, getRole, updateRole } from "@/lib/roles";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "roles:read" }, async ({ params }) => ok(await getRole(parseId(params.id)))),
  PUT: api({ permission: "roles:write", body: RoleInput }, async ({ principal, params, body }) =>
    ok(await updateRole(principal, parseId(params.id), { ...ROLE_DEFAULTS, ...body })),
  ),
  PATCH: api({ permission: "roles:write", body: RolePatch }, async ({ principal, params, body }) =>
    ok(await updateRole(principal, parseId(params.id), body)),
  ),
  DELETE: api({ permission: "roles:write" }, async ({ principal, params }) => {
    await deleteRole(principal, parseId(params.id));
    return noContent();
  }),
});
