import { api, endpoint } from "@/lib/api/handler";
import { noContent, ok } from "@/lib/api/respond";
import { GroupInput, GroupPatch } from "@/lib/validation/groups";
import { GROUP_DEFAULTS, deleteGroup, getGroup, updateGroup } from "@/lib/groups";
import { parseId } from "@/lib/ids";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "components:read" }, async ({ principal, params }) => ok(await getGroup(principal, parseId(params.id)))),
  PUT: api({ permission: "components:write", body: GroupInput }, async ({ principal, params, body }) =>
    ok(await updateGroup(principal, parseId(params.id), { ...GROUP_DEFAULTS, ...body })),
  ),
  PATCH: api({ permission: "components:write", body: GroupPatch }, async ({ principal, params, body }) =>
    ok(await updateGroup(principal, parseId(params.id), body)),
  ),
  DELETE: api({ permission: "components:write" }, async ({ principal, params }) => {
    await deleteGroup(principal, parseId(params.id));
    return noContent();
  }),
});
