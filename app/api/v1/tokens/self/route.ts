import { api, endpoint } from "@/lib/api/handler";
import { noContent, ok } from "@/lib/api/respond";
import { deleteToken, getToken, selfTokenId } from "@/lib/tokens/manage";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ requireUser: true }, async ({ principal }) => ok(await getToken(principal, selfTokenId(principal)))),
  // A script revokes its own leaked token, even a read-only one.
  DELETE: api({ requireUser: true, allowReadOnlyToken: true }, async ({ principal }) => {
    await deleteToken(principal, selfTokenId(principal), "token.self_revoke");
    return noContent();
  }),
});
