import { api, endpoint } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { paginated } from "@/lib/api/pagination";
import { parsePage } from "@/lib/paging";
import { PageFilters, PageInput } from "@/lib/validation/pages";
import { createPage, listPages } from "@/lib/pages";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "pages:read", query: PageFilters }, async ({ req, url, principal, query }) => {
    const page = parsePage(url);
    const { count, results } = await listPages(principal, query, page);
    return ok(paginated(req, url, page, count, results));
  }),
  POST: api({ permission: "pages:write", body: PageInput }, async ({ body }) => created(await createPage(body))),
});
