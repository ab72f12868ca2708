// /api/v1/pages: content pages (Markdown).
import { body, named, operation } from "../api/operation.ts";
import { created, noContent, ok } from "../api/respond.ts";
import { parseId } from "../ids.ts";
import { PAGE_DEFAULTS, createPage, deletePage, getPage, listPages, updatePage } from "../pages/index.ts";
import { PageFilters, PageInput, PageOut, PagePatch } from "../validation/pages.ts";
import { NO_CONTENT, list } from "./shared.ts";

const Page = named("Page", PageOut);
const common = { tag: "Pages", resource: "pages" } as const;
const COLLECTION = "/api/v1/pages";
const DETAIL = "/api/v1/pages/{id}";

export const PAGES = {
  list: operation({
    ...common, method: "GET", path: COLLECTION, operationId: "listPages", summary: "List pages",
    query: PageFilters, responses: { 200: list(Page) },
    list: ({ principal, query, page }) => listPages(principal, query, page),
  }),
  create: operation({
    ...common, method: "POST", path: COLLECTION, operationId: "createPage", summary: "Create a page",
    body: body({ PageInput }), responses: { 201: Page },
    run: async ({ body }) => created(await createPage(body)),
  }),
  get: operation({
    ...common, method: "GET", path: DETAIL, operationId: "getPage", summary: "Read a page", responses: { 200: Page },
    run: async ({ principal, params }) => ok(await getPage(principal, parseId(params.id))),
  }),
  replace: operation({
    ...common, method: "PUT", path: DETAIL, operationId: "replacePage", summary: "Replace a page",
    body: body({ PageInput }), responses: { 200: Page },
    run: async ({ principal, params, body }) => ok(await updatePage(principal, parseId(params.id), { ...PAGE_DEFAULTS, ...body })),
  }),
  update: operation({
    ...common, method: "PATCH", path: DETAIL, operationId: "updatePage", summary: "Change some fields of a page",
    body: body({ PagePatch }), responses: { 200: Page },
    run: async ({ principal, params, body }) => ok(await updatePage(principal, parseId(params.id), body)),
  }),
  delete: operation({
    ...common, method: "DELETE", path: DETAIL, operationId: "deletePage", summary: "Delete a page", responses: NO_CONTENT,
    run: async ({ principal, params }) => {
      await deletePage(principal, parseId(params.id));
      return noContent();
    },
  }),
};
