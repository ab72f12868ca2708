import { api, endpoint } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { paginated } from "@/lib/api/pagination";
import { parsePage } from "@/lib/paging";
import { ComponentFilters, ComponentInput } from "@/lib/validation/components";
import { createComponent, listComponents } from "@/lib/components";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "components:read", query: ComponentFilters }, async ({ req, url, principal, query }) => {
    const page = parsePage(url);
    const { count, results } = await listComponents(principal, query, page);
    return ok(paginated(req, url, page, count, results));
  }),
  POST: api({ permission: "components:write", body: ComponentInput }, async ({ body }) => created(await createComponent(body))),
});
