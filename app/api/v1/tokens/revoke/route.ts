import { api, endpoint } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { TokenRevoke } from "@/lib/validation/tokens";
import { revokeKeys } from "@/lib/tokens/manage";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  POST: api({ open: true, allowReadOnlyToken: true, body: TokenRevoke }, async ({ principal, body }) => ok({ revoked: await revokeKeys(principal, body.keys) })),
});
