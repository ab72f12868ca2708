import { api, endpoint } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { parseId } from "@/lib/ids";
import { TokenRefresh } from "@/lib/validation/tokens";
import { refreshToken } from "@/lib/tokens/manage";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  POST: api({ permission: "tokens:write", body: TokenRefresh }, async ({ principal, params, body }) =>
    ok(await refreshToken(principal, parseId(params.id), body.grace_seconds ?? 0)),
  ),
});
