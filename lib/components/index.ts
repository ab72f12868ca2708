// Components: the rule (who sees which) and the queries. Anonymous requests see enabled components only;
// anything they may not see is a 404 (API.md §4).
import { db } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { notFound, validationError } from "../errors.ts";
import type { Page } from "../paging.ts";
import { orderBy } from "../domain/ordering.ts";
import { COMPONENT_STATUSES, type ComponentFilters, type ComponentInput, type ComponentPatch } from "../validation/components.ts";
import { textContains } from "../domain/search.ts";

const select = {
  id: true,
  name: true,
  description: true,
  link: true,
  status: true,
  order: true,
  groupId: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
} as const;

type ComponentRow = {
  id: number;
  name: string;
  description: string;
  link: string;
  status: number;
  order: number;
  groupId: number | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export function serializeComponent(c: ComponentRow) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    link: c.link,
    status: c.status,
    status_name: COMPONENT_STATUSES[c.status as keyof typeof COMPONENT_STATUSES] ?? "Unknown",
    order: c.order,
    group_id: c.groupId,
    enabled: c.enabled,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

/** Anonymous requests see enabled components outside hidden groups, as the status page shows them. */
function visibleTo(principal: Principal) {
  return principal.user ? {} : { enabled: true, OR: [{ groupId: null }, { group: { visible: true } }] };
}

export async function listComponents(principal: Principal, filters: ComponentFilters, page: Page) {
  const q = filters.q?.trim().toLowerCase();
  const filter = {
    ...(filters.status !== undefined ? { status: filters.status } : {}),
    ...(filters.group_id !== undefined ? { groupId: filters.group_id } : {}),
    ...(filters.enabled !== undefined ? { enabled: filters.enabled } : {}),
    ...(filters.name !== undefined ? { nameLower: filters.name.trim().toLowerCase() } : {}),
    ...(q ? { OR: [{ nameLower: { contains: q } }, { description: textContains(filters.q!.trim()) }] } : {}),
  };
  const where = { AND: [visibleTo(principal), filter] };
  const [count, rows] = await Promise.all([
    db.component.count({ where }),
    db.component.findMany({
      where,
      select,
      orderBy: orderBy(filters.ordering, { id: "id", name: "nameLower", order: "order", status: "status", created_at: "createdAt", updated_at: "updatedAt" }, [{ field: "order", desc: false }]),
      skip: page.offset,
      take: page.limit,
    }),
  ]);
  return { count, results: rows.map(serializeComponent) };
}

async function findVisible(principal: Principal, id: number) {
  const row = await db.component.findFirst({ where: { id, ...visibleTo(principal) }, select });
  if (!row) throw notFound();
  return row;
}

export async function getComponent(principal: Principal, id: number) {
  return serializeComponent(await findVisible(principal, id));
}

async function assertGroupExists(groupId: number | null | undefined) {
  if (groupId == null) return;
  const group = await db.componentGroup.findUnique({ where: { id: groupId }, select: { id: true } });
  if (!group) throw validationError({ group_id: [`Component group ${groupId} does not exist.`] });
}

function toData(input: ComponentPatch) {
  return {
    ...(input.name !== undefined ? { name: input.name, nameLower: input.name.toLowerCase() } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.link !== undefined ? { link: input.link } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.order !== undefined ? { order: input.order } : {}),
    ...(input.group_id !== undefined ? { groupId: input.group_id } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
  };
}

export async function createComponent(input: ComponentInput) {
  await assertGroupExists(input.group_id);
  const row = await db.component.create({ data: { ...toData(input), name: input.name, nameLower: input.name.toLowerCase() }, select });
  return serializeComponent(row);
}

/** PATCH semantics; PUT passes a full ComponentInput with defaults filled in. */
export async function updateComponent(principal: Principal, id: number, input: ComponentPatch) {
  await findVisible(principal, id);
  await assertGroupExists(input.group_id);
  const row = await db.component.update({ where: { id }, data: toData(input), select });
  return serializeComponent(row);
}

export const COMPONENT_DEFAULTS = { description: "", link: "", status: 1, order: 0, group_id: null, enabled: true } as const;

export async function deleteComponent(principal: Principal, id: number) {
  await findVisible(principal, id);
  // Its incidents stay (component_id becomes null); the status they set on it goes with it.
  await db.$transaction([
    db.incident.updateMany({ where: { componentId: id }, data: { componentStatus: null } }),
    db.component.delete({ where: { id } }),
  ]);
}
