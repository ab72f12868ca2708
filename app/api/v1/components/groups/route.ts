import { api, endpoint } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { paginated } from "@/lib/api/pagination";
import { parsePage } from "@/lib/paging";
import { GroupFilters, GroupInput } from "@/lib/validation/groups";
import { createGroup, listGroups } from "@/lib/groups";

// A static segment: Next serves /components/groups here, not as components/[id] with id "groups".
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "components:read", query: GroupFilters }, async ({ req, url, principal, query }) => {
    const page = parsePage(url);
    const { count, results } = await listGroups(principal, query, page);
    return ok(paginated(req, url, page, count, results));
  }),
  POST: api({ permission: "components:write", body: GroupInput }, async ({ body }) => created(await createGroup(body))),
});
