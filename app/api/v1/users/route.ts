import { api, endpoint } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { paginated } from "@/lib/api/pagination";
import { parsePage } from "@/lib/paging";
import { UserCreate, UserFilters } from "@/lib/validation/users";
import { createUser, listUsers } from "@/lib/users";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "users:read", query: UserFilters }, async ({ req, url, query }) => {
    const page = parsePage(url);
    const { count, results } = await listUsers(query, page);
    return ok(paginated(req, url, page, count, results));
  }),
  POST: api({ permission: "users:write", body: UserCreate }, async ({ principal, body }) => created(await createUser(principal, body))),
});
