// Component groups: the rule (who sees which) and the queries. Anonymous requests see visible groups
// only; anything they may not see is a 404 (API.md §4).
import { db, type Prisma } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { visibleById } from "../db/visible.ts";
import { timestamps, toColumns } from "../domain/fields.ts";
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
} satisfies Prisma.ComponentGroupSelect;

type GroupRow = Prisma.ComponentGroupGetPayload<{ select: typeof select }>;

export function serializeGroup(g: GroupRow): GroupOut {
  return {
    id: g.id,
    name: g.name,
    order: g.order,
    collapsed: g.collapsed,
    visible: g.visible,
    ...timestamps(g),
  };
}

/** The groups a principal may see: visible ones only for anonymous requests (and the status page). */
export function groupsVisibleTo(principal: Pick<Principal, "user">): Prisma.ComponentGroupWhereInput {
  return principal.user ? {} : { visible: true };
}

export async function listGroups(principal: Principal, filters: GroupFilters, page: PageWindow) {
  const q = filters.q?.trim().toLowerCase();
  const where = {
    AND: [
      groupsVisibleTo(principal),
      filters.visible !== undefined ? { visible: filters.visible } : {},
      filters.collapsed !== undefined ? { collapsed: filters.collapsed } : {},
      filters.name !== undefined ? { nameLower: filters.name.trim().toLowerCase() } : {},
      q ? { nameLower: { contains: q } } : {},
    ],
  };
  const order = orderBy(filters.ordering, { id: "id", name: "nameLower", order: "order", created_at: "createdAt", updated_at: "updatedAt" }, [{ field: "order", desc: false }]);
  return pagedQuery(db.componentGroup, { where, select, orderBy: order }, page, serializeGroup);
}

/** One query each: a group the principal may not see is Prisma's "not found", answered as a 404. */
export async function getGroup(principal: Principal, id: number) {
  return serializeGroup(await db.componentGroup.findFirstOrThrow({ where: visibleById(id, groupsVisibleTo(principal)), select }));
}

export async function createGroup(input: GroupInput) {
  return serializeGroup(await db.componentGroup.create({ data: toColumns(input, ["name"]), select }));
}

/** PATCH semantics; PUT passes a full GroupInput with defaults filled in. */
export async function updateGroup(principal: Principal, id: number, input: GroupPatch) {
  return serializeGroup(await db.componentGroup.update({ where: visibleById(id, groupsVisibleTo(principal)), data: toColumns(input, ["name"]), select }));
}

export const GROUP_DEFAULTS = { order: 0, collapsed: false, visible: true } as const;

/** Its components stay, ungrouped (the foreign key is ON DELETE SET NULL). */
export async function deleteGroup(principal: Principal, id: number) {
  await db.componentGroup.delete({ where: visibleById(id, groupsVisibleTo(principal)) });
}
