// Content pages: the rule (who sees which) and the queries. Anonymous requests see published pages
// only; anything they may not see is a 404 (API.md §4).
import { db } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { conflict, notFound } from "../errors.ts";
import type { Page } from "../paging.ts";
import { orderBy } from "../domain/ordering.ts";
import type { PageFilters, PageInput, PageOut, PagePatch } from "../validation/pages.ts";
import { textContains } from "../domain/search.ts";

const select = { id: true, title: true, slug: true, body: true, published: true, createdAt: true, updatedAt: true } as const;

type PageRow = { id: number; title: string; slug: string; body: string; published: boolean; createdAt: Date; updatedAt: Date };

export function serializePage(p: PageRow): PageOut {
  return {
    id: p.id,
    title: p.title,
    slug: p.slug,
    body: p.body,
    published: p.published,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

/** Which pages a principal may see: published ones only for anonymous requests. */
export function pagesVisibleTo(principal: Principal) {
  return principal.user ? {} : { published: true };
}

/** `slug` is the only unique column besides the id, so any unique violation here is the slug. */
async function uniqueSlug<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if ((err as { code?: string } | null)?.code === "P2002") throw conflict({ slug: ["A page with this slug already exists."] });
    throw err;
  }
}

export async function listPages(principal: Principal, filters: PageFilters, page: Page) {
  const q = filters.q?.trim();
  const where = {
    AND: [
      pagesVisibleTo(principal),
      filters.published !== undefined ? { published: filters.published } : {},
      filters.slug !== undefined ? { slug: filters.slug.trim().toLowerCase() } : {},
      q ? { OR: [{ titleLower: { contains: q.toLowerCase() } }, { body: textContains(q) }] } : {},
    ],
  };
  const [count, rows] = await Promise.all([
    db.page.count({ where }),
    db.page.findMany({
      where,
      select,
      orderBy: orderBy(filters.ordering, { id: "id", title: "titleLower", slug: "slug", created_at: "createdAt", updated_at: "updatedAt" }, [{ field: "title", desc: false }]),
      skip: page.offset,
      take: page.limit,
    }),
  ]);
  return { count, results: rows.map(serializePage) };
}

async function findVisible(principal: Principal, id: number) {
  const row = await db.page.findFirst({ where: { id, ...pagesVisibleTo(principal) }, select });
  if (!row) throw notFound();
  return row;
}

export async function getPage(principal: Principal, id: number) {
  return serializePage(await findVisible(principal, id));
}

function toData(input: PagePatch) {
  return {
    ...(input.title !== undefined ? { title: input.title, titleLower: input.title.toLowerCase() } : {}),
    ...(input.slug !== undefined ? { slug: input.slug } : {}),
    ...(input.body !== undefined ? { body: input.body } : {}),
    ...(input.published !== undefined ? { published: input.published } : {}),
  };
}

export async function createPage(input: PageInput) {
  const data = { ...toData(input), title: input.title, titleLower: input.title.toLowerCase(), slug: input.slug };
  return serializePage(await uniqueSlug(() => db.page.create({ data, select })));
}

/** PATCH semantics; PUT passes a full PageInput with defaults filled in. */
export async function updatePage(principal: Principal, id: number, input: PagePatch) {
  await findVisible(principal, id);
  return serializePage(await uniqueSlug(() => db.page.update({ where: { id }, data: toData(input), select })));
}

export const PAGE_DEFAULTS = { body: "", published: false } as const;

/** Menu items that point to the page go with it (ON DELETE CASCADE). */
export async function deletePage(principal: Principal, id: number) {
  await findVisible(principal, id);
  await db.page.delete({ where: { id } });
}
