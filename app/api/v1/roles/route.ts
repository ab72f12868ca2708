import { api, endpoint } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { paginated } from "@/lib/api/pagination";
import { parsePage } from "@/lib/paging";
import { RoleFilters, RoleInput } from "@/lib/validation/roles";
import { createRole, listRoles } from "@/lib/roles";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "roles:read", query: RoleFilters }, async ({ req, url, query }) => {
    const page = parsePage(url);
    const { count, results } = await listRoles(query, page);
    return ok(paginated(req, url, page, count, results));
  }),
  POST: api({ permission: "roles:write", body: RoleInput }, async ({ principal, body }) => created(await createRole(principal, body))),
});
