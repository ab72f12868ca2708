// Component groups: the rule (who sees which) and the queries. Anonymous requests see visible groups
// only; anything they may not see is a 404 (API.md §4).
import { db } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { notFound } from "../errors.ts";
import type { Page } from "../paging.ts";
import { orderBy } from "../domain/ordering.ts";
import type { GroupFilters, GroupInput, GroupOut, GroupPatch } from "../validation/groups.ts";

const select = {
  id: true,
  name: true,
  order: true,
  collapsed: true,
  visible: true,
  createdAt: true,
  updatedAt: true,
} as const;

type GroupRow = {
  id: number;
  name: string;
  order: number;
  collapsed: boolean;
  visible: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export function serializeGroup(g: GroupRow): GroupOut {
  return {
    id: g.id,
    name: g.name,
    order: g.order,
    collapsed: g.collapsed,
    visible: g.visible,
    created_at: g.createdAt.toISOString(),
    updated_at: g.updatedAt.toISOString(),
  };
}

function visibleTo(principal: Principal) {
  return principal.user ? {} : { visible: true };
}

export async function listGroups(principal: Principal, filters: GroupFilters, page: Page) {
  const q = filters.q?.trim().toLowerCase();
  const where = {
    AND: [
      visibleTo(principal),
      filters.visible !== undefined ? { visible: filters.visible } : {},
      filters.collapsed !== undefined ? { collapsed: filters.collapsed } : {},
      filters.name !== undefined ? { nameLower: filters.name.trim().toLowerCase() } : {},
      q ? { nameLower: { contains: q } } : {},
    ],
  };
  const [count, rows] = await Promise.all([
    db.componentGroup.count({ where }),
    db.componentGroup.findMany({
      where,
      select,
      orderBy: orderBy(filters.ordering, { id: "id", name: "nameLower", order: "order", created_at: "createdAt", updated_at: "updatedAt" }, [{ field: "order", desc: false }]),
      skip: page.offset,
      take: page.limit,
    }),
  ]);
  return { count, results: rows.map(serializeGroup) };
}

async function findVisible(principal: Principal, id: number) {
  const row = await db.componentGroup.findFirst({ where: { id, ...visibleTo(principal) }, select });
  if (!row) throw notFound();
  return row;
}

export async function getGroup(principal: Principal, id: number) {
  return serializeGroup(await findVisible(principal, id));
}

function toData(input: GroupPatch) {
  return {
    ...(input.name !== undefined ? { name: input.name, nameLower: input.name.toLowerCase() } : {}),
    ...(input.order !== undefined ? { order: input.order } : {}),
    ...(input.collapsed !== undefined ? { collapsed: input.collapsed } : {}),
    ...(input.visible !== undefined ? { visible: input.visible } : {}),
  };
}

export async function createGroup(input: GroupInput) {
  const row = await db.componentGroup.create({ data: { ...toData(input), name: input.name, nameLower: input.name.toLowerCase() }, select });
  return serializeGroup(row);
}

/** PATCH semantics; PUT passes a full GroupInput with defaults filled in. */
export async function updateGroup(principal: Principal, id: number, input: GroupPatch) {
  await findVisible(principal, id);
  const row = await db.componentGroup.update({ where: { id }, data: toData(input), select });
  return serializeGroup(row);
}

export const GROUP_DEFAULTS = { order: 0, collapsed: false, visible: true } as const;

/** Its components stay, ungrouped (the foreign key is ON DELETE SET NULL). */
export async function deleteGroup(principal: Principal, id: number) {
  await findVisible(principal, id);
  await db.componentGroup.delete({ where: { id } });
}
