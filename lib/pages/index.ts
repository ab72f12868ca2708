// Content pages: the rule (who sees which) and the queries. Anonymous requests see published pages
// only; anything they may not see is a 404 (API.md §4). A taken slug is the unique constraint's 409.
import { db, type Prisma } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { visibleById } from "../db/visible.ts";
import { timestamps, toColumns } from "../domain/fields.ts";
import { orderBy } from "../domain/ordering.ts";
import type { PageFilters, PageInput, PageOut, PagePatch } from "../validation/pages.ts";
import { textContains } from "../domain/search.ts";

const select = { id: true, title: true, slug: true, body: true, published: true, createdAt: true, updatedAt: true } satisfies Prisma.PageSelect;

type PageRow = Prisma.PageGetPayload<{ select: typeof select }>;

export function serializePage(p: PageRow): PageOut {
  return {
    id: p.id,
    title: p.title,
    slug: p.slug,
    body: p.body,
    published: p.published,
    ...timestamps(p),
  };
}

/** Which pages a principal may see: published ones only for anonymous requests. */
export function pagesVisibleTo(principal: Pick<Principal, "user">): Prisma.PageWhereInput {
  return principal.user ? {} : { published: true };
}

export async function listPages(principal: Principal, filters: PageFilters, page: PageWindow) {
  const q = filters.q?.trim();
  const where = {
    AND: [
      pagesVisibleTo(principal),
      filters.published !== undefined ? { published: filters.published } : {},
      filters.slug !== undefined ? { slug: filters.slug.trim().toLowerCase() } : {},
      q ? { OR: [{ titleLower: { contains: q.toLowerCase() } }, { body: textContains(q) }] } : {},
    ],
  };
  const order = orderBy(filters.ordering, { id: "id", title: "titleLower", slug: "slug", created_at: "createdAt", updated_at: "updatedAt" }, [{ field: "title", desc: false }]);
  return pagedQuery(db.page, { where, select, orderBy: order }, page, serializePage);
}

/** A page the principal may not see is Prisma's "not found", answered as a 404. */
export async function getPage(principal: Principal, id: number) {
  return serializePage(await db.page.findFirstOrThrow({ where: visibleById(id, pagesVisibleTo(principal)), select }));
}

/** By slug (GraphQL's `page(slug:)`), stored lower-cased. */
export async function getPageBySlug(principal: Principal, slug: string) {
  return serializePage(await db.page.findFirstOrThrow({ where: { slug: slug.trim().toLowerCase(), AND: [pagesVisibleTo(principal)] }, select }));
}

export async function createPage(input: PageInput) {
  return serializePage(await db.page.create({ data: toColumns(input, ["title"]), select }));
}

/** PATCH semantics; PUT passes a full PageInput with defaults filled in. */
export async function updatePage(principal: Principal, id: number, input: PagePatch) {
  return serializePage(await db.page.update({ where: visibleById(id, pagesVisibleTo(principal)), data: toColumns(input, ["title"]), select }));
}

export const PAGE_DEFAULTS = { body: "", published: false } as const;

/** Menu items that point to the page go with it (ON DELETE CASCADE). */
export async function deletePage(principal: Principal, id: number) {
  await db.page.delete({ where: visibleById(id, pagesVisibleTo(principal)) });
}
