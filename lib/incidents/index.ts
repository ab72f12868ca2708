// Incidents and their updates: the rule (who sees which), the queries, and Cachet's flow where an
// incident or an update also moves its component's status. Anonymous requests see visible incidents
// only; anything they may not see, updates of hidden incidents included, is a 404 (API.md §4).
import { db, type Prisma } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { validationError } from "../errors.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { visibleById } from "../db/visible.ts";
import { timestamps, toColumns } from "../domain/fields.ts";
import { orderBy } from "../domain/ordering.ts";
import {
  INCIDENT_STATUSES,
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
import { recordEvent, wakeOutbox } from "../outbox/events.ts";
import { recordStatusChange } from "../components/events.ts";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
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

type IncidentRow = Prisma.IncidentGetPayload<{ select: typeof select }>;

const statusName = (status: number) => INCIDENT_STATUSES[status as keyof typeof INCIDENT_STATUSES];

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
    ...timestamps(i),
  };
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
      filters.component_id !== undefined ? { componentId: filters.component_id } : {},
      q ? { OR: [{ nameLower: { contains: q.toLowerCase() } }, { message: textContains(q) }] } : {},
    ],
  };
  const order = orderBy(
    filters.ordering,
    { id: "id", name: "nameLower", status: "status", occurred_at: "occurredAt", created_at: "createdAt" },
    [{ field: "occurred_at", desc: true }, { field: "id", desc: true }],
  );
  return pagedQuery(db.incident, { where, select, orderBy: order }, page, serializeIncident);
}

/** An incident the principal may not see is Prisma's "not found", answered as a 404. */
function findVisible(principal: Principal, id: number) {
  return db.incident.findFirstOrThrow({ where: visibleById(id, incidentsVisibleTo(principal)), select });
}

export async function getIncident(principal: Principal, id: number) {
  return serializeIncident(await findVisible(principal, id));
}

async function assertComponentExists(componentId: number | null | undefined) {
  if (componentId == null) return;
  const component = await db.component.findUnique({ where: { id: componentId }, select: { id: true } });
  if (!component) throw validationError({ component_id: [`Component ${componentId} does not exist.`] });
}

/** A component status is stored with, and applied to, the incident's component: without one it means nothing. */
function assertComponentForStatus(componentId: number | null | undefined, componentStatus: number | null | undefined) {
  if (componentStatus != null && componentId == null) {
    throw validationError({ component_status: ["A component status needs a component_id."] });
  }
}

/** Moves the component, and records component.status_changed when its status really changes. */
async function setComponentStatus(tx: Tx, componentId: number | null, componentStatus: number | null | undefined, incidentId: number) {
  if (componentId != null && componentStatus != null) {
    const before = await tx.component.findUnique({ where: { id: componentId }, select: { status: true } });
    await tx.component.update({ where: { id: componentId }, data: { status: componentStatus } });
    if (before) await recordStatusChange(tx, componentId, before.status, incidentId);
  }
}

const FIXED = 4;

/** incident.resolved when this change fixed it; incident.updated for any other change. */
async function recordIncidentChange(tx: Tx, before: { status: number }, after: IncidentRow) {
  const resolved = before.status !== FIXED && after.status === FIXED;
  await recordEvent(tx, resolved ? "incident.resolved" : "incident.updated", { incident: serializeIncident(after) });
}

/** With component_id and component_status, the component takes that status in the same transaction (Cachet). */
export async function createIncident(input: IncidentInput) {
  assertComponentForStatus(input.component_id, input.component_status);
  await assertComponentExists(input.component_id);
  const row = await db.$transaction(async (tx) => {
    const incident = await tx.incident.create({ data: toColumns(input, ["name"]), select });
    await setComponentStatus(tx, incident.componentId, input.component_status, incident.id);
    await recordEvent(tx, "incident.created", { incident: serializeIncident(incident) });
    return incident;
  });
  wakeOutbox();
  return serializeIncident(row);
}

/** PATCH semantics; PUT passes a full IncidentInput with defaults filled in. A given component_status is applied too. */
export async function updateIncident(principal: Principal, id: number, input: IncidentPatch) {
  const existing = await findVisible(principal, id);
  const componentId = input.component_id !== undefined ? input.component_id : existing.componentId;
  assertComponentForStatus(componentId, input.component_status);
  const data = toColumns(input, ["name"]);
  // Detaching the component drops its status with it.
  if (componentId === null) data.componentStatus = null;
  await assertComponentExists(input.component_id);
  const row = await db.$transaction(async (tx) => {
    const incident = await tx.incident.update({ where: visibleById(id, incidentsVisibleTo(principal)), data, select });
    await setComponentStatus(tx, incident.componentId, input.component_status, incident.id);
    await recordIncidentChange(tx, existing, incident);
    return incident;
  });
  wakeOutbox();
  return serializeIncident(row);
}

/** What PUT fills in for omitted fields. occurred_at is not here: a PUT without it keeps the stored time. */
export const INCIDENT_DEFAULTS = { message: "", status: 1, visible: true, component_id: null, component_status: null, scheduled_at: null } as const;

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
  const row = await db.$transaction(async (tx) => {
    const update = await tx.incidentUpdate.create({
      data: { incidentId, status: input.status, message: input.message, authorId: principal.user?.id ?? null },
      select: updateSelect,
    });
    const moveComponent = incident.componentId !== null && input.component_status != null;
    const after = await tx.incident.update({
      where: { id: incidentId },
      data: { status: input.status, ...(moveComponent ? { componentStatus: input.component_status } : {}) },
      select,
    });
    await setComponentStatus(tx, incident.componentId, input.component_status, incidentId);
    await recordEvent(tx, "incident_update.created", { incident_update: serializeIncidentUpdate(update), incident: serializeIncident(after) });
    if (incident.status !== FIXED && after.status === FIXED) await recordEvent(tx, "incident.resolved", { incident: serializeIncident(after) });
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
        const after = await tx.incident.update({ where: { id: incidentId }, data: { status: input.status }, select });
        if (before.status !== after.status) await recordIncidentChange(tx, before, after);
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
