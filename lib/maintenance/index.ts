// Scheduled maintenance (Cachet 3 schedules, Statuspage's scheduled maintenances): a window, an optional
// early end, the components it covers. Its status is derived from the window and now, never stored, so no
// scheduler is needed. Anonymous requests see visible maintenance only; anything else is a 404 (API.md §4).
// Rights are the incidents' own: maintenance is a kind of incident.
import { db, type Prisma } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { validationError, type FieldErrors } from "../errors.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { visibleById } from "../db/visible.ts";
import { timestamps, toColumns } from "../domain/fields.ts";
import { orderBy } from "../domain/ordering.ts";
import { textContains } from "../domain/search.ts";
import { componentsVisibleTo } from "../components/index.ts";
import {
  MAINTENANCE_STATUSES,
  windowErrors,
  type MaintenanceFilters,
  type MaintenanceInput,
  type MaintenanceOut,
  type MaintenancePatch,
  type MaintenanceStatus,
} from "../validation/maintenance.ts";
import { recordEvent, wakeOutbox } from "../outbox/events.ts";
import { maintenanceEventData } from "./events.ts";

/** Visible maintenance only for anonymous requests (and the status page). */
export function maintenanceVisibleTo(principal: Pick<Principal, "user">): Prisma.MaintenanceWhereInput {
  return principal.user ? {} : { visible: true };
}

function selectFor(principal: Pick<Principal, "user">) {
  return maintenanceSelect(componentsVisibleTo(principal));
}

/** A maintenance row with those of its components that match `components` (`{}`: all of them, as events carry). */
export function maintenanceSelect(components: Prisma.ComponentWhereInput) {
  return {
    id: true,
    name: true,
    message: true,
    scheduledStart: true,
    scheduledEnd: true,
    completedAt: true,
    visible: true,
    createdAt: true,
    updatedAt: true,
    components: {
      where: { component: { is: components } },
      orderBy: { componentId: "asc" },
      select: { component: { select: { id: true, name: true } } },
    },
  } satisfies Prisma.MaintenanceSelect;
}

export type MaintenanceRow = Prisma.MaintenanceGetPayload<{ select: ReturnType<typeof maintenanceSelect> }>;

/** Ended once completed early or past its end; running from its start; scheduled before. */
export function maintenanceStatus(m: { scheduledStart: Date; scheduledEnd: Date; completedAt: Date | null }, now: Date = new Date()): MaintenanceStatus {
  if ((m.completedAt && m.completedAt <= now) || m.scheduledEnd <= now) return "completed";
  return m.scheduledStart <= now ? "in_progress" : "scheduled";
}

/** The `where` of each derived status at `now`, the same rule as maintenanceStatus. */
export function maintenanceWithStatus(status: MaintenanceStatus, now: Date = new Date()): Prisma.MaintenanceWhereInput {
  const notCompleted = { OR: [{ completedAt: null }, { completedAt: { gt: now } }] };
  if (status === "completed") return { OR: [{ completedAt: { lte: now } }, { scheduledEnd: { lte: now } }] };
  if (status === "in_progress") return { scheduledStart: { lte: now }, scheduledEnd: { gt: now }, AND: [notCompleted] };
  return { scheduledStart: { gt: now }, AND: [notCompleted] };
}

export function serializeMaintenance(m: MaintenanceRow, now: Date = new Date()): MaintenanceOut {
  const status = maintenanceStatus(m, now);
  return {
    id: m.id,
    name: m.name,
    message: m.message,
    scheduled_start: m.scheduledStart.toISOString(),
    scheduled_end: m.scheduledEnd.toISOString(),
    completed_at: m.completedAt?.toISOString() ?? null,
    visible: m.visible,
    status,
    status_name: MAINTENANCE_STATUSES[status],
    components: m.components.map((c) => ({ id: c.component.id, name: c.component.name })),
    ...timestamps(m),
  };
}

/** Maintenance rows as the status page reads them: `where` under the anonymous rules, each with its components. */
export function findMaintenance(principal: Pick<Principal, "user">, where: Prisma.MaintenanceWhereInput, order: Prisma.MaintenanceOrderByWithRelationInput[], take?: number) {
  return db.maintenance.findMany({ where: { AND: [maintenanceVisibleTo(principal), where] }, orderBy: order, take, select: selectFor(principal) });
}

export async function listMaintenance(principal: Principal, filters: MaintenanceFilters, page: PageWindow) {
  const q = filters.q?.trim();
  const now = new Date();
  const where: Prisma.MaintenanceWhereInput = {
    AND: [
      maintenanceVisibleTo(principal),
      filters.status !== undefined ? maintenanceWithStatus(filters.status, now) : {},
      filters.visible !== undefined ? { visible: filters.visible } : {},
      filters.component_id !== undefined ? { components: { some: { componentId: filters.component_id } } } : {},
      q ? { OR: [{ nameLower: { contains: q.toLowerCase() } }, { message: textContains(q) }] } : {},
    ],
  };
  const order = orderBy(
    filters.ordering,
    { id: "id", name: "nameLower", scheduled_start: "scheduledStart", scheduled_end: "scheduledEnd", created_at: "createdAt" },
    [{ field: "scheduled_start", desc: true }, { field: "id", desc: true }],
  );
  return pagedQuery(db.maintenance, { where, select: selectFor(principal), orderBy: order }, page, (row: MaintenanceRow) => serializeMaintenance(row, now));
}

function findVisible(principal: Principal, id: number) {
  return db.maintenance.findFirstOrThrow({ where: visibleById(id, maintenanceVisibleTo(principal)), select: selectFor(principal) });
}

export async function getMaintenance(principal: Principal, id: number) {
  return serializeMaintenance(await findVisible(principal, id));
}

async function assertComponentsExist(ids: number[] | undefined) {
  if (!ids?.length) return;
  const found = new Set((await db.component.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((c) => c.id));
  const errors: FieldErrors = {};
  ids.forEach((value, n) => {
    if (!found.has(value)) errors[`component_ids.${n}`] = [`Component ${value} does not exist.`];
  });
  if (Object.keys(errors).length) throw validationError(errors);
}

const links = (ids: number[]) => ids.map((componentId) => ({ componentId }));

export async function createMaintenance(principal: Principal, input: MaintenanceInput) {
  await assertComponentsExist(input.component_ids);
  const { component_ids: ids = [], ...fields } = input;
  // maintenance.scheduled is recorded with the window, in its transaction (lib/outbox).
  const id = await db.$transaction(async (tx) => {
    const created = await tx.maintenance.create({ data: { ...toColumns(fields, ["name"]), components: { create: links(ids) } }, select: { id: true } });
    await recordEvent(tx, "maintenance.scheduled", await maintenanceEventData(tx, created.id));
    return created.id;
  });
  wakeOutbox();
  return serializeMaintenance(await findVisible(principal, id));
}

/** PATCH semantics (PUT fills in defaults): the window is checked against the stored fields it keeps; component_ids replaces the set. */
export async function updateMaintenance(principal: Principal, id: number, input: MaintenancePatch) {
  const existing = await findVisible(principal, id);
  const errors = windowErrors({
    scheduled_start: input.scheduled_start ?? existing.scheduledStart,
    scheduled_end: input.scheduled_end ?? existing.scheduledEnd,
    completed_at: input.completed_at !== undefined ? input.completed_at : existing.completedAt,
  });
  if (Object.keys(errors).length) throw validationError(errors);
  await assertComponentsExist(input.component_ids);
  const { component_ids: ids, ...fields } = input;
  const data = {
    ...toColumns(fields, ["name"]),
    ...(ids !== undefined ? { components: { deleteMany: {}, create: links(ids) } } : {}),
  };
  // A nested write is one statement batch in Prisma's own transaction: no rule is checked inside it.
  const row = await db.maintenance.update({ where: { id }, data, select: selectFor(principal) });
  return serializeMaintenance(row);
}

export const MAINTENANCE_DEFAULTS = { message: "", completed_at: null, visible: true, component_ids: [] as number[] };

export async function deleteMaintenance(principal: Principal, id: number) {
  await db.maintenance.delete({ where: visibleById(id, maintenanceVisibleTo(principal)) });
}
