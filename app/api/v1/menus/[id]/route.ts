import { api, endpoint } from "@/lib/api/handler";
import { noContent, ok } from "@/lib/api/respond";
import { MenuInput, MenuPatch } from "@/lib/validation/menus";
import { MENU_DEFAULTS, deleteMenu, getMenu, updateMenu } from "@/lib/menus";
import { parseId } from "@/lib/ids";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "menus:read" }, async ({ principal, params }) => ok(await getMenu(principal, parseId(params.id)))),
  PUT: api({ permission: "menus:write", body: MenuInput }, async ({ principal, params, body }) =>
    ok(await updateMenu(principal, parseId(params.id), { ...MENU_DEFAULTS, ...body })),
  ),
  PATCH: api({ permission: "menus:write", body: MenuPatch }, async ({ principal, params, body }) =>
    ok(await updateMenu(principal, parseId(params.id), body)),
  ),
  DELETE: api({ permission: "menus:write" }, async ({ params }) => {
    await deleteMenu(parseId(params.id));
    return noContent();
  }),
});
