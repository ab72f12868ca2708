// /api/v1/menus: menus of links to URLs or pages.
import { body, named, operation } from "../api/operation.ts";
import { created, noContent, ok } from "../api/respond.ts";
import { parseId } from "../ids.ts";
import { MENU_DEFAULTS, createMenu, deleteMenu, getMenu, listMenus, updateMenu } from "../menus/index.ts";
import { MenuFilters, MenuInput, MenuOut, MenuPatch } from "../validation/menus.ts";
import { NO_CONTENT, list } from "./shared.ts";

const Menu = named("Menu", MenuOut);
const common = { tag: "Menus", resource: "menus" } as const;
const COLLECTION = "/api/v1/menus";
const DETAIL = "/api/v1/menus/{id}";

export const MENUS = {
  list: operation({
    ...common, method: "GET", path: COLLECTION, operationId: "listMenus", summary: "List menus",
    query: MenuFilters, responses: { 200: list(Menu) },
    list: ({ principal, query, page }) => listMenus(principal, query, page),
  }),
  create: operation({
    ...common, method: "POST", path: COLLECTION, operationId: "createMenu", summary: "Create a menu",
    body: body({ MenuInput }), responses: { 201: Menu },
    run: async ({ principal, body }) => created(await createMenu(principal, body)),
  }),
  get: operation({
    ...common, method: "GET", path: DETAIL, operationId: "getMenu", summary: "Read a menu", responses: { 200: Menu },
    run: async ({ principal, params }) => ok(await getMenu(principal, parseId(params.id))),
  }),
  replace: operation({
    ...common, method: "PUT", path: DETAIL, operationId: "replaceMenu", summary: "Replace a menu",
    body: body({ MenuInput }), responses: { 200: Menu },
    run: async ({ principal, params, body }) => ok(await updateMenu(principal, parseId(params.id), { ...MENU_DEFAULTS, ...body })),
  }),
  update: operation({
    ...common, method: "PATCH", path: DETAIL, operationId: "updateMenu", summary: "Change some fields of a menu",
    body: body({ MenuPatch }), responses: { 200: Menu },
    run: async ({ principal, params, body }) => ok(await updateMenu(principal, parseId(params.id), body)),
  }),
  delete: operation({
    ...common, method: "DELETE", path: DETAIL, operationId: "deleteMenu", summary: "Delete a menu", responses: NO_CONTENT,
    run: async ({ params }) => {
      await deleteMenu(parseId(params.id));
      return noContent();
    },
  }),
};
