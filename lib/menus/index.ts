// Menus: the queries and the rule that anonymous readers never see a link to an unpublished page
// (API.md §4). Menus themselves are public; a write replaces the whole item list in one transaction.
import { db, type Prisma } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { validationError, type FieldErrors } from "../errors.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { timestamps } from "../domain/fields.ts";
import { orderBy } from "../domain/ordering.ts";
import { pagesVisibleTo } from "../pages/index.ts";
import type { MenuFilters, MenuInput, MenuItemInput, MenuOut, MenuPatch } from "../validation/menus.ts";

/** Menus are public; their items to pages the principal may not see are left out. */
export function menuItemsVisibleTo(principal: Pick<Principal, "user">): Prisma.MenuItemWhereInput {
  return principal.user ? {} : { OR: [{ pageId: null }, { page: { is: pagesVisibleTo(principal) } }] };
}

function selectFor(principal: Principal) {
  return {
    id: true,
    name: true,
    createdAt: true,
    updatedAt: true,
    items: {
      where: menuItemsVisibleTo(principal),
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { label: true, url: true, pageId: true },
    },
  } satisfies Prisma.MenuSelect;
}

type MenuRow = Prisma.MenuGetPayload<{ select: ReturnType<typeof selectFor> }>;

export function serializeMenu(m: MenuRow): MenuOut {
  return {
    id: m.id,
    name: m.name,
    items: m.items.map((i) => ({ label: i.label, url: i.url, page_id: i.pageId })),
    ...timestamps(m),
  };
}

export async function listMenus(principal: Principal, filters: MenuFilters, page: PageWindow) {
  const q = filters.q?.trim().toLowerCase();
  const where = {
    AND: [
      filters.name !== undefined ? { nameLower: filters.name.trim().toLowerCase() } : {},
      q ? { nameLower: { contains: q } } : {},
    ],
  };
  const order = orderBy(filters.ordering, { id: "id", name: "nameLower", created_at: "createdAt", updated_at: "updatedAt" }, [{ field: "name", desc: false }]);
  return pagedQuery(db.menu, { where, select: selectFor(principal), orderBy: order }, page, serializeMenu);
}

/** A missing menu is Prisma's "not found", answered as a 404. */
export async function getMenu(principal: Principal, id: number) {
  return serializeMenu(await db.menu.findUniqueOrThrow({ where: { id }, select: selectFor(principal) }));
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
  if (input.items) {
    // A missing menu is a 404 before an unknown page is a 400.
    await db.menu.findUniqueOrThrow({ where: { id }, select: { id: true } });
    await assertPagesExist(input.items);
  }
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

export const MENU_DEFAULTS: Required<Pick<MenuInput, "items">> = { items: [] };

export async function deleteMenu(id: number) {
  await db.menu.delete({ where: { id } });
}
