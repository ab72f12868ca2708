import { api, endpoint } from "@/lib/api/handler";
import { created } from "@/lib/api/respond";
import { TokenProvision } from "@/lib/validation/tokens";
import { provisionToken } from "@/lib/tokens/provision";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  POST: api({ open: true, body: TokenProvision }, async ({ principal, body }) => created(await provisionToken(principal, body))),
});
