// Components: the rule (who sees which) and the queries. Anonymous requests see enabled components only;
// anything they may not see is a 404 (API.md §4).
import { db, type Prisma } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { validationError } from "../errors.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { visibleById } from "../db/visible.ts";
import { timestamps, toColumns } from "../domain/fields.ts";
import { orderBy } from "../domain/ordering.ts";
import { groupsVisibleTo } from "../groups/index.ts";
import { COMPONENT_STATUSES, type ComponentFilters, type ComponentInput, type ComponentPatch } from "../validation/components.ts";
import { textContains } from "../domain/search.ts";
import { wakeOutbox } from "../outbox/events.ts";
import { recordStatusChange } from "./events.ts";

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
} satisfies Prisma.ComponentSelect;

type ComponentRow = Prisma.ComponentGetPayload<{ select: typeof select }>;

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
    ...timestamps(c),
  };
}

/** Anonymous requests (and the status page) see enabled components outside hidden groups. */
export function componentsVisibleTo(principal: Pick<Principal, "user">): Prisma.ComponentWhereInput {
  return principal.user ? {} : { enabled: true, OR: [{ groupId: null }, { group: { is: groupsVisibleTo(principal) } }] };
}

export async function listComponents(principal: Principal, filters: ComponentFilters, page: PageWindow) {
  const q = filters.q?.trim().toLowerCase();
  const filter = {
    ...(filters.status !== undefined ? { status: filters.status } : {}),
    ...(filters.group_id !== undefined ? { groupId: filters.group_id } : {}),
    ...(filters.enabled !== undefined ? { enabled: filters.enabled } : {}),
    ...(filters.name !== undefined ? { nameLower: filters.name.trim().toLowerCase() } : {}),
    ...(q ? { OR: [{ nameLower: { contains: q } }, { description: textContains(filters.q!.trim()) }] } : {}),
  };
  const where = { AND: [componentsVisibleTo(principal), filter] };
  const order = orderBy(filters.ordering, { id: "id", name: "nameLower", order: "order", status: "status", created_at: "createdAt", updated_at: "updatedAt" }, [{ field: "order", desc: false }]);
  return pagedQuery(db.component, { where, select, orderBy: order }, page, serializeComponent);
}

/** A component the principal may not see is Prisma's "not found", answered as a 404. */
export async function getComponent(principal: Principal, id: number) {
  return serializeComponent(await db.component.findFirstOrThrow({ where: visibleById(id, componentsVisibleTo(principal)), select }));
}

async function assertGroupExists(groupId: number | null | undefined) {
  if (groupId == null) return;
  const group = await db.componentGroup.findUnique({ where: { id: groupId }, select: { id: true } });
  if (!group) throw validationError({ group_id: [`Component group ${groupId} does not exist.`] });
}

export async function createComponent(input: ComponentInput) {
  await assertGroupExists(input.group_id);
  return serializeComponent(await db.component.create({ data: toColumns(input, ["name"]), select }));
}

/** PATCH semantics; PUT passes a full ComponentInput with defaults filled in. */
export async function updateComponent(principal: Principal, id: number, input: ComponentPatch) {
  const where = visibleById(id, componentsVisibleTo(principal));
  if (input.group_id != null) {
    // A component the principal cannot see is a 404 before an unknown group is a 400.
    await db.component.findFirstOrThrow({ where, select: { id: true } });
    await assertGroupExists(input.group_id);
  }
  if (input.status === undefined) return serializeComponent(await db.component.update({ where, data: toColumns(input, ["name"]), select }));
  // A status change is recorded with the change (component.status_changed), so both commit or neither.
  // The 404 comes before the transaction opens: a rollback on SQLite would undo other requests' work too.
  await db.component.findFirstOrThrow({ where, select: { id: true } });
  const row = await db.$transaction(async (tx) => {
    const before = await tx.component.findFirst({ where, select: { status: true } });
    const after = await tx.component.update({ where, data: toColumns(input, ["name"]), select });
    if (before) await recordStatusChange(tx, after.id, before.status);
    return after;
  });
  wakeOutbox();
  return serializeComponent(row);
}

export const COMPONENT_DEFAULTS = { description: "", link: "", status: 1, order: 0, group_id: null, enabled: true } as const;

export async function deleteComponent(principal: Principal, id: number) {
  // Its incidents stay (component_id becomes null); the status they set on it goes with it. One the
  // principal cannot see fails the delete, and the whole transaction with it: a 404.
  await db.$transaction([
    db.incident.updateMany({ where: { componentId: id }, data: { componentStatus: null } }),
    db.component.delete({ where: visibleById(id, componentsVisibleTo(principal)) }),
  ]);
}
