import { api, endpoint } from "@/lib/api/handler";
import { noContent, ok } from "@/lib/api/respond";
import { PageInput, PagePatch } from "@/lib/validation/pages";
import { PAGE_DEFAULTS, deletePage, getPage, updatePage } from "@/lib/pages";
import { parseId } from "@/lib/ids";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "pages:read" }, async ({ principal, params }) => ok(await getPage(principal, parseId(params.id)))),
  PUT: api({ permission: "pages:write", body: PageInput }, async ({ principal, params, body }) =>
    ok(await updatePage(principal, parseId(params.id), { ...PAGE_DEFAULTS, ...body })),
  ),
  PATCH: api({ permission: "pages:write", body: PagePatch }, async ({ principal, params, body }) =>
    ok(await updatePage(principal, parseId(params.id), body)),
  ),
  DELETE: api({ permission: "pages:write" }, async ({ principal, params }) => {
    await deletePage(principal, parseId(params.id));
    return noContent();
  }),
});
