import { api, endpoint } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { paginated } from "@/lib/api/pagination";
import { parsePage } from "@/lib/paging";
import { TokenCreate, TokenFilters } from "@/lib/validation/tokens";
import { createTokenFor, listTokens } from "@/lib/tokens/manage";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "tokens:read", query: TokenFilters }, async ({ req, url, principal, query }) => {
    const page = parsePage(url);
    const { count, results } = await listTokens(principal, query, page);
    return ok(paginated(req, url, page, count, results));
  }),
  POST: api({ permission: "tokens:write", body: TokenCreate }, async ({ principal, body }) => created(await createTokenFor(principal, body))),
});
