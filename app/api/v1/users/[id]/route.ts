import { api, endpoint } from "@/lib/api/handler";
import { noContent, ok } from "@/lib/api/respond";
import { parseId } from "@/lib/ids";
import { UserPatch, UserPut } from "@/lib/validation/users";
import { USER_DEFAULTS, deleteUser, getUser, updateUser } from "@/lib/users";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "users:read" }, async ({ params }) => ok(await getUser(parseId(params.id)))),
  PUT: api({ permission: "users:write", body: UserPut }, async ({ principal, params, body }) =>
    ok(await updateUser(principal, parseId(params.id), { ...USER_DEFAULTS, ...body })),
  ),
  PATCH: api({ permission: "users:write", body: UserPatch }, async ({ principal, params, body }) =>
    ok(await updateUser(principal, parseId(params.id), body)),
  ),
  DELETE: api({ permission: "users:write" }, async ({ principal, params }) => {
    await deleteUser(principal, parseId(params.id));
    return noContent();
  }),
});
