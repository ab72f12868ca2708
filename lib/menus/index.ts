// Menus: the queries and the rule that anonymous readers never see a link to an unpublished page
// (API.md §4). Menus themselves are public; a write replaces the whole item list in one transaction.
import { db } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { notFound, validationError, type FieldErrors } from "../errors.ts";
import type { Page } from "../paging.ts";
import { orderBy } from "../domain/ordering.ts";
import type { MenuFilters, MenuInput, MenuItemInput, MenuOut, MenuPatch } from "../validation/menus.ts";

function selectFor(principal: Principal) {
  return {
    id: true,
    name: true,
    createdAt: true,
    updatedAt: true,
    items: {
      where: principal.user ? {} : { OR: [{ pageId: null }, { page: { is: { published: true } } }] },
      orderBy: [{ position: "asc" as const }, { id: "asc" as const }],
      select: { label: true, url: true, pageId: true },
    },
  };
}

type MenuRow = {
  id: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  items: { label: string; url: string | null; pageId: number | null }[];
};

export function serializeMenu(m: MenuRow): MenuOut {
  return {
    id: m.id,
    name: m.name,
    items: m.items.map((i) => ({ label: i.label, url: i.url, page_id: i.pageId })),
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
  };
}

export async function listMenus(principal: Principal, filters: MenuFilters, page: Page) {
  const q = filters.q?.trim().toLowerCase();
  const where = {
    AND: [
      filters.name !== undefined ? { nameLower: filters.name.trim().toLowerCase() } : {},
      q ? { nameLower: { contains: q } } : {},
    ],
  };
  const [count, rows] = await Promise.all([
    db.menu.count({ where }),
    db.menu.findMany({
      where,
      select: selectFor(principal),
      orderBy: orderBy(filters.ordering, { id: "id", name: "nameLower", created_at: "createdAt", updated_at: "updatedAt" }, [{ field: "name", desc: false }]),
      skip: page.offset,
      take: page.limit,
    }),
  ]);
  return { count, results: rows.map(serializeMenu) };
}

export async function getMenu(principal: Principal, id: number) {
  const row = await db.menu.findUnique({ where: { id }, select: selectFor(principal) });
  if (!row) throw notFound();
  return serializeMenu(row);
}

async function assertPagesExist(items: MenuItemInput[]) {
  const ids = [...new Set(items.flatMap((i) => (i.page_id != null ? [i.page_id] : [])))];
  if (ids.length === 0) return;
  const found = new Set((await db.page.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((p) => p.id));
  const errors: FieldErrors = {};
  items.forEach((item, n) => {
    if (item.page_id != null && !found.has(item.page_id)) errors[`items.${n}.page_id`] = [`Page ${item.page_id} does not exist.`];
  });
  if (Object.keys(errors).length) throw validationError(errors);
}

function itemRows(items: MenuItemInput[]) {
  return items.map((item, position) => ({ position, label: item.label, url: item.url ?? null, pageId: item.page_id ?? null }));
}

export async function createMenu(principal: Principal, input: MenuInput) {
  const items = input.items ?? [];
  await assertPagesExist(items);
  const row = await db.menu.create({
    data: { name: input.name, nameLower: input.name.toLowerCase(), items: { create: itemRows(items) } },
    select: selectFor(principal),
  });
  return serializeMenu(row);
}

/**
 * PATCH semantics; PUT passes a full MenuInput with defaults filled in. Given items replace all of them
 * in one nested write, which Prisma runs as a single transaction.
 */
export async function updateMenu(principal: Principal, id: number, input: MenuPatch) {
  await assertMenuExists(id);
  if (input.items) await assertPagesExist(input.items);
  const row = await db.menu.update({
    where: { id },
    data: {
      ...(input.name !== undefined ? { name: input.name, nameLower: input.name.toLowerCase() } : {}),
      ...(input.items !== undefined ? { items: { deleteMany: {}, create: itemRows(input.items) } } : {}),
    },
    select: selectFor(principal),
  });
  return serializeMenu(row);
}

async function assertMenuExists(id: number) {
  if (!(await db.menu.findUnique({ where: { id }, select: { id: true } }))) throw notFound();
}

export const MENU_DEFAULTS: Required<Pick<MenuInput, "items">> = { items: [] };

export async function deleteMenu(id: number) {
  await assertMenuExists(id);
  await db.menu.delete({ where: { id } });
}
