// Incidents and their updates: the rule (who sees which), the queries, and Cachet's flow where an
// incident or an update also moves its component's status. Anonymous requests see visible incidents
// only; anything they may not see, updates of hidden incidents included, is a 404 (API.md §4).
import { db, type Prisma } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { validationError, type FieldErrors } from "../errors.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { visibleById } from "../db/visible.ts";
import { timestamps, toColumns } from "../domain/fields.ts";
import { orderBy } from "../domain/ordering.ts";
import {
  INCIDENT_STATUSES,
  type AffectedComponentsInput,
  type IncidentFilters,
  type IncidentInput,
  type IncidentOut,
  type IncidentPatch,
  type IncidentUpdateFilters,
  type IncidentUpdateInput,
  type IncidentUpdateOut,
  type IncidentUpdatePatch,
} from "../validation/incidents.ts";
import { textContains } from "../domain/search.ts";
import { componentsVisibleTo } from "../components/index.ts";
import { moveComponentStatuses, type Tx } from "../components/status-history.ts";
import { COMPONENT_STATUSES } from "../validation/components.ts";
import { recordEvent, wakeOutbox } from "../outbox/events.ts";
// Input is checked before a transaction opens, never inside one: on SQLite every request shares one
// connection, so a rolled-back transaction would also undo statements other requests ran meanwhile.

const select = {
  id: true,
  name: true,
  message: true,
  status: true,
  visible: true,
  componentId: true,
  componentStatus: true,
  occurredAt: true,
  scheduledAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.IncidentSelect;

/** The incident's columns and its affected components that the principal may see. */
function selectFor(principal: Pick<Principal, "user">) {
  return {
    ...select,
    components: {
      where: { component: { is: componentsVisibleTo(principal) } },
      orderBy: { componentId: "asc" },
      select: { status: true, component: { select: { id: true, name: true } } },
    },
  } satisfies Prisma.IncidentSelect;
}

type IncidentRow = Prisma.IncidentGetPayload<{ select: ReturnType<typeof selectFor> }>;

const statusName = (status: number) => INCIDENT_STATUSES[status as keyof typeof INCIDENT_STATUSES];
export const componentStatusName = (status: number) => COMPONENT_STATUSES[status as keyof typeof COMPONENT_STATUSES] ?? "Unknown";

export function serializeIncident(i: IncidentRow): IncidentOut {
  return {
    id: i.id,
    name: i.name,
    message: i.message,
    status: i.status,
    status_name: statusName(i.status),
    visible: i.visible,
    component_id: i.componentId,
    component_status: i.componentStatus,
    occurred_at: i.occurredAt.toISOString(),
    scheduled_at: i.scheduledAt?.toISOString() ?? null,
    components: i.components.map((c) => ({ id: c.component.id, name: c.component.name, status: c.status, status_name: componentStatusName(c.status) })),
    ...timestamps(i),
  };
}

// ---- domain events (lib/outbox), recorded in the transaction of the change ------------------------

const FIXED = 4;
// Events go to staff-configured receivers (webhooks) and to the senders that filter for the public (e-mail):
// they carry the whole incident, every affected component and the `visible` flag.
const eventSelect = { ...select, components: { orderBy: { componentId: "asc" }, select: { status: true, component: { select: { id: true, name: true } } } } } satisfies Prisma.IncidentSelect;

async function incidentEventData(tx: Tx, id: number) {
  return serializeIncident(await tx.incident.findUniqueOrThrow({ where: { id }, select: eventSelect }));
}

/** incident.resolved when this change fixed it; incident.updated for any other change. */
async function recordIncidentChange(tx: Tx, beforeStatus: number, id: number) {
  const incident = await incidentEventData(tx, id);
  const resolved = beforeStatus !== FIXED && incident.status === FIXED;
  await recordEvent(tx, resolved ? "incident.resolved" : "incident.updated", { incident });
}

/** The incidents a principal may see: visible ones only for anonymous requests (and the status page). */
export function incidentsVisibleTo(principal: Pick<Principal, "user">): Prisma.IncidentWhereInput {
  return principal.user ? {} : { visible: true };
}

/** An update is visible with its incident. */
export function incidentUpdatesVisibleTo(principal: Pick<Principal, "user">): Prisma.IncidentUpdateWhereInput {
  return principal.user ? {} : { incident: { is: incidentsVisibleTo(principal) } };
}

export async function listIncidents(principal: Principal, filters: IncidentFilters, page: PageWindow) {
  const q = filters.q?.trim();
  const where = {
    AND: [
      incidentsVisibleTo(principal),
      filters.status !== undefined ? { status: filters.status } : {},
      filters.visible !== undefined ? { visible: filters.visible } : {},
      filters.component_id !== undefined
        ? { OR: [{ componentId: filters.component_id }, { components: { some: { componentId: filters.component_id } } }] }
        : {},
      q ? { OR: [{ nameLower: { contains: q.toLowerCase() } }, { message: textContains(q) }] } : {},
    ],
  };
  const order = orderBy(
    filters.ordering,
    { id: "id", name: "nameLower", status: "status", occurred_at: "occurredAt", created_at: "createdAt" },
    [{ field: "occurred_at", desc: true }, { field: "id", desc: true }],
  );
  return pagedQuery(db.incident, { where, select: selectFor(principal), orderBy: order }, page, serializeIncident);
}

/** An incident the principal may not see is Prisma's "not found", answered as a 404. */
function findVisible(principal: Principal, id: number) {
  return db.incident.findFirstOrThrow({ where: visibleById(id, incidentsVisibleTo(principal)), select: selectFor(principal) });
}

export async function getIncident(principal: Principal, id: number) {
  return serializeIncident(await findVisible(principal, id));
}

/**
 * Checks, before any transaction, that every component named exists (`component_id`, each of
 * `components`) and that the two ways of naming one agree; answers their current statuses.
 */
async function checkComponents(
  componentId: number | null | undefined,
  componentStatus: number | null | undefined,
  components: AffectedComponentsInput | undefined,
): Promise<Map<number, number>> {
  const ids = [...new Set([...(componentId != null ? [componentId] : []), ...(components ?? []).map((c) => c.id)])];
  const rows = ids.length ? await db.component.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } }) : [];
  const current = new Map(rows.map((r) => [r.id, r.status]));
  const errors: FieldErrors = {};
  if (componentId != null && !current.has(componentId)) errors.component_id = [`Component ${componentId} does not exist.`];
  components?.forEach((c, n) => {
    if (!current.has(c.id)) errors[`components.${n}.id`] = [`Component ${c.id} does not exist.`];
  });
  const listed = components?.find((c) => c.id === componentId);
  if (listed && componentStatus != null && listed.status !== componentStatus) {
    errors.component_status = [`Component ${componentId} is also listed in components with status ${listed.status}.`];
  }
  if (Object.keys(errors).length) throw validationError(errors);
  return current;
}

/** A component status is stored with, and applied to, the incident's component: without one it means nothing. */
function assertComponentForStatus(componentId: number | null | undefined, componentStatus: number | null | undefined) {
  if (componentStatus != null && componentId == null) {
    throw validationError({ component_status: ["A component status needs a component_id."] });
  }
}

/** Records each link (incident, component, status) and moves each component to its status. */
async function affect(tx: Tx, incidentId: number, links: readonly { id: number; status: number }[], moves: readonly { id: number; status: number }[]) {
  for (const link of links) {
    await tx.incidentComponent.upsert({
      where: { incidentId_componentId: { incidentId, componentId: link.id } },
      create: { incidentId, componentId: link.id, status: link.status },
      update: { status: link.status },
    });
  }
  await moveComponentStatuses(tx, moves);
}

/** The links and moves of `components` plus Cachet's `component_id` (+ `component_status`), which the list reflects. */
function plan(
  componentId: number | null | undefined,
  componentStatus: number | null | undefined,
  components: AffectedComponentsInput | undefined,
  current: Map<number, number>,
  linked: Map<number, number> = new Map(),
) {
  const links = [...(components ?? [])];
  const moves = [...(components ?? [])];
  if (componentId != null && !links.some((c) => c.id === componentId)) {
    const status = componentStatus ?? linked.get(componentId) ?? current.get(componentId)!;
    links.push({ id: componentId, status });
    if (componentStatus != null) moves.push({ id: componentId, status: componentStatus });
  }
  return { links, moves };
}

/**
 * With `components`, each listed component is linked and takes its status; with Cachet's component_id and
 * component_status, that component too, all in the same transaction.
 */
export async function createIncident(principal: Principal, input: IncidentInput) {
  assertComponentForStatus(input.component_id, input.component_status);
  const current = await checkComponents(input.component_id, input.component_status, input.components);
  const { links, moves } = plan(input.component_id, input.component_status, input.components, current);
  const { components: _components, ...fields } = input;
  const id = await db.$transaction(async (tx) => {
    const incident = await tx.incident.create({ data: toColumns(fields, ["name"]), select: { id: true } });
    await affect(tx, incident.id, links, moves);
    await recordEvent(tx, "incident.created", { incident: await incidentEventData(tx, incident.id) });
    return incident.id;
  });
  wakeOutbox();
  return getIncident(principal, id);
}

/**
 * PATCH semantics; PUT passes a full IncidentInput with defaults filled in. A given `components` replaces the
 * affected set (components left out keep their status); a given component_status is applied too.
 */
export async function updateIncident(principal: Principal, id: number, input: IncidentPatch) {
  const existing = await findVisible(principal, id);
  const componentId = input.component_id !== undefined ? input.component_id : existing.componentId;
  assertComponentForStatus(componentId, input.component_status);
  const { components, ...fields } = input;
  const data = toColumns(fields, ["name"]);
  // Detaching the component drops its status with it.
  if (componentId === null) data.componentStatus = null;
  const current = await checkComponents(input.component_id, input.component_status, components);
  if (componentId != null && !current.has(componentId)) current.set(componentId, existing.componentStatus ?? 1);
  const linked = new Map(existing.components.map((c) => [c.component.id, c.status]));
  const touchesLegacy = input.component_id !== undefined || input.component_status != null;
  const { links, moves } = plan(touchesLegacy || components !== undefined ? componentId : null, input.component_status, components, current, linked);
  // The component given up by component_id leaves the list, unless `components` keeps it.
  const dropped = existing.componentId !== null && existing.componentId !== componentId && !links.some((l) => l.id === existing.componentId) ? existing.componentId : null;
  await db.$transaction(async (tx) => {
    await tx.incident.update({ where: { id }, data });
    if (components !== undefined) await tx.incidentComponent.deleteMany({ where: { incidentId: id, componentId: { notIn: links.map((l) => l.id) } } });
    if (dropped !== null) await tx.incidentComponent.deleteMany({ where: { incidentId: id, componentId: dropped } });
    await affect(tx, id, links, moves);
    await recordIncidentChange(tx, existing.status, id);
  });
  wakeOutbox();
  return getIncident(principal, id);
}

/** What PUT fills in for omitted fields. occurred_at is not here: a PUT without it keeps the stored time. */
export const INCIDENT_DEFAULTS = { message: "", status: 1, visible: true, component_id: null, component_status: null, scheduled_at: null, components: [] as { id: number; status: number }[] };

/** Its updates go with it (ON DELETE CASCADE); the component keeps its status. */
export async function deleteIncident(principal: Principal, id: number) {
  await db.incident.delete({ where: visibleById(id, incidentsVisibleTo(principal)) });
}

// ---- updates --------------------------------------------------------------------------------------

const updateSelect = {
  id: true,
  incidentId: true,
  status: true,
  message: true,
  authorId: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.IncidentUpdateSelect;

type IncidentUpdateRow = Prisma.IncidentUpdateGetPayload<{ select: typeof updateSelect }>;

export function serializeIncidentUpdate(u: IncidentUpdateRow): IncidentUpdateOut {
  return {
    id: u.id,
    incident_id: u.incidentId,
    status: u.status,
    status_name: statusName(u.status),
    message: u.message,
    author_id: u.authorId,
    ...timestamps(u),
  };
}

/** The updates of an incident the principal may see; a hidden or missing incident is a 404, not an empty list. */
export async function listIncidentUpdates(principal: Principal, incidentId: number, filters: IncidentUpdateFilters, page: PageWindow) {
  await findVisible(principal, incidentId);
  const where = { incidentId, ...(filters.status !== undefined ? { status: filters.status } : {}) };
  const order = orderBy(filters.ordering, { id: "id", status: "status", created_at: "createdAt" }, [
    { field: "created_at", desc: true },
    { field: "id", desc: true },
  ]);
  return pagedQuery(db.incidentUpdate, { where, select: updateSelect, orderBy: order }, page, serializeIncidentUpdate);
}

/** All updates of an incident, newest first, in one query (GraphQL's `Incident.updates`): none when hidden. */
export async function updatesOfIncident(principal: Principal, incidentId: number) {
  const rows = await db.incidentUpdate.findMany({
    where: { incidentId, AND: [incidentUpdatesVisibleTo(principal)] },
    select: updateSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(serializeIncidentUpdate);
}

/** One update of one incident, both visible to the principal; anything else is a 404. */
function updateWhere(principal: Principal, incidentId: number, updateId: number) {
  return { ...visibleById(updateId, incidentUpdatesVisibleTo(principal)), incidentId };
}

function findUpdate(principal: Principal, incidentId: number, updateId: number) {
  return db.incidentUpdate.findFirstOrThrow({ where: updateWhere(principal, incidentId, updateId), select: updateSelect });
}

export async function getIncidentUpdate(principal: Principal, incidentId: number, updateId: number) {
  return serializeIncidentUpdate(await findUpdate(principal, incidentId, updateId));
}

/**
 * Cachet's flow, in one transaction: the update is recorded, the incident takes its status, and a given
 * component_status is applied to the incident's component (ignored when the incident has none).
 */
export async function postIncidentUpdate(principal: Principal, incidentId: number, input: IncidentUpdateInput) {
  const incident = await findVisible(principal, incidentId);
  const legacyStatus = incident.componentId !== null ? input.component_status : null;
  const current = await checkComponents(incident.componentId, legacyStatus, input.components);
  const linked = new Map(incident.components.map((c) => [c.component.id, c.status]));
  const { links, moves } = plan(legacyStatus != null || input.components ? incident.componentId : null, legacyStatus, input.components, current, linked);
  const row = await db.$transaction(async (tx) => {
    const update = await tx.incidentUpdate.create({
      data: { incidentId, status: input.status, message: input.message, authorId: principal.user?.id ?? null },
      select: updateSelect,
    });
    await tx.incident.update({
      where: { id: incidentId },
      data: { status: input.status, ...(legacyStatus != null ? { componentStatus: legacyStatus } : {}) },
    });
    await affect(tx, incidentId, links, moves);
    const after = await incidentEventData(tx, incidentId);
    await recordEvent(tx, "incident_update.created", { incident_update: serializeIncidentUpdate(update), incident: after });
    if (incident.status !== FIXED && after.status === FIXED) await recordEvent(tx, "incident.resolved", { incident: after });
    return update;
  });
  wakeOutbox();
  return serializeIncidentUpdate(row);
}

/** Editing the status of the latest update moves the incident too, so the two never disagree. */
export async function updateIncidentUpdate(principal: Principal, incidentId: number, updateId: number, input: IncidentUpdatePatch) {
  await findUpdate(principal, incidentId, updateId);
  const row = await db.$transaction(async (tx) => {
    const update = await tx.incidentUpdate.update({
      where: updateWhere(principal, incidentId, updateId),
      data: {
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.message !== undefined ? { message: input.message } : {}),
      },
      select: updateSelect,
    });
    if (input.status !== undefined) {
      const latest = await tx.incidentUpdate.findFirst({ where: { incidentId }, orderBy: { id: "desc" }, select: { id: true } });
      if (latest?.id === updateId) {
        const before = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { status: true } });
        await tx.incident.update({ where: { id: incidentId }, data: { status: input.status } });
        if (before.status !== input.status) await recordIncidentChange(tx, before.status, incidentId);
      }
    }
    return update;
  });
  wakeOutbox();
  return serializeIncidentUpdate(row);
}

/** The incident keeps its status: an update is history, not state. */
export async function deleteIncidentUpdate(principal: Principal, incidentId: number, updateId: number) {
  await db.incidentUpdate.delete({ where: updateWhere(principal, incidentId, updateId) });
}
