// /api/v1/pages: content pages (Markdown).
import { body } from "../api/operation.ts";
import { PAGE_DEFAULTS, createPage, deletePage, getPage, listPages, updatePage } from "../pages/index.ts";
import { PageFilters, PageInput, PageOut, PagePatch } from "../validation/pages.ts";
import { resource } from "./resource.ts";

export const PAGES = resource(
  { tag: "Pages", resource: "pages", path: "/api/v1/pages", name: "Page", noun: "a page", publicCache: true },
  { out: PageOut, filters: PageFilters, input: body({ PageInput }), patch: body({ PagePatch }), defaults: PAGE_DEFAULTS },
  { list: listPages, create: (_principal, input) => createPage(input), get: getPage, update: updatePage, remove: deletePage },
);
