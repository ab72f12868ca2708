import { api, endpoint } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { paginated } from "@/lib/api/pagination";
import { parsePage } from "@/lib/paging";
import { MenuFilters, MenuInput } from "@/lib/validation/menus";
import { createMenu, listMenus } from "@/lib/menus";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "menus:read", query: MenuFilters }, async ({ req, url, principal, query }) => {
    const page = parsePage(url);
    const { count, results } = await listMenus(principal, query, page);
    return ok(paginated(req, url, page, count, results));
  }),
  POST: api({ permission: "menus:write", body: MenuInput }, async ({ principal, body }) => created(await createMenu(principal, body))),
});
