// /api/v1/menus: menus of links to URLs or pages.
import { body } from "../api/operation.ts";
import { MENU_DEFAULTS, createMenu, deleteMenu, getMenu, listMenus, updateMenu } from "../menus/index.ts";
import { MenuFilters, MenuInput, MenuOut, MenuPatch } from "../validation/menus.ts";
import { resource } from "./resource.ts";

export const MENUS = resource(
  { tag: "Menus", resource: "menus", path: "/api/v1/menus", name: "Menu", noun: "a menu", publicCache: true },
  { out: MenuOut, filters: MenuFilters, input: body({ MenuInput }), patch: body({ MenuPatch }), defaults: MENU_DEFAULTS },
  { list: listMenus, create: createMenu, get: getMenu, update: updateMenu, remove: (_principal, id) => deleteMenu(id) },
);
