import { api, endpoint } from "@/lib/api/handler";
import { noContent, ok } from "@/lib/api/respond";
import { parseId } from "@/lib/ids";
import { TokenPatch } from "@/lib/validation/tokens";
import { deleteToken, getToken, updateToken } from "@/lib/tokens/manage";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "tokens:read" }, async ({ principal, params }) => ok(await getToken(principal, parseId(params.id)))),
  PATCH: api({ permission: "tokens:write", body: TokenPatch }, async ({ principal, params, body }) =>
    ok(await updateToken(principal, parseId(params.id), body)),
  ),
  DELETE: api({ permission: "tokens:write" }, async ({ principal, params }) => {
    await deleteToken(principal, parseId(params.id));
    return noContent();
  }),
});
