// Incidents and their updates: the rule (who sees which), the queries, and Cachet's flow where an
// incident or an update also moves its component's status. Anonymous requests see visible incidents
// only; anything they may not see, updates of hidden incidents included, is a 404 (API.md §4).
import { db } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { notFound, validationError } from "../errors.ts";
import type { Page } from "../paging.ts";
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
} as const;

type IncidentRow = {
  id: number;
  name: string;
  message: string;
  status: number;
  visible: boolean;
  componentId: number | null;
  componentStatus: number | null;
  occurredAt: Date;
  scheduledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

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
    created_at: i.createdAt.toISOString(),
    updated_at: i.updatedAt.toISOString(),
  };
}

function visibleTo(principal: Principal) {
  return principal.user ? {} : { visible: true };
}

export async function listIncidents(principal: Principal, filters: IncidentFilters, page: Page) {
  const q = filters.q?.trim();
  const where = {
    AND: [
      visibleTo(principal),
      filters.status !== undefined ? { status: filters.status } : {},
      filters.visible !== undefined ? { visible: filters.visible } : {},
      filters.component_id !== undefined ? { componentId: filters.component_id } : {},
      q ? { OR: [{ nameLower: { contains: q.toLowerCase() } }, { message: textContains(q) }] } : {},
    ],
  };
  const [count, rows] = await Promise.all([
    db.incident.count({ where }),
    db.incident.findMany({
      where,
      select,
      orderBy: orderBy(
        filters.ordering,
        { id: "id", name: "nameLower", status: "status", occurred_at: "occurredAt", created_at: "createdAt" },
        [{ field: "occurred_at", desc: true }, { field: "id", desc: true }],
      ),
      skip: page.offset,
      take: page.limit,
    }),
  ]);
  return { count, results: rows.map(serializeIncident) };
}

async function findVisible(principal: Principal, id: number) {
  const row = await db.incident.findFirst({ where: { id, ...visibleTo(principal) }, select });
  if (!row) throw notFound();
  return row;
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

function toData(input: IncidentPatch) {
  return {
    ...(input.name !== undefined ? { name: input.name, nameLower: input.name.toLowerCase() } : {}),
    ...(input.message !== undefined ? { message: input.message } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.visible !== undefined ? { visible: input.visible } : {}),
    ...(input.component_id !== undefined ? { componentId: input.component_id } : {}),
    ...(input.component_status !== undefined ? { componentStatus: input.component_status } : {}),
    ...(input.occurred_at !== undefined ? { occurredAt: input.occurred_at } : {}),
    ...(input.scheduled_at !== undefined ? { scheduledAt: input.scheduled_at } : {}),
  };
}

async function setComponentStatus(tx: Tx, componentId: number | null, componentStatus: number | null | undefined) {
  if (componentId != null && componentStatus != null) {
    await tx.component.update({ where: { id: componentId }, data: { status: componentStatus } });
  }
}

/** With component_id and component_status, the component takes that status in the same transaction (Cachet). */
export async function createIncident(input: IncidentInput) {
  assertComponentForStatus(input.component_id, input.component_status);
  await assertComponentExists(input.component_id);
  const row = await db.$transaction(async (tx) => {
    const incident = await tx.incident.create({ data: { ...toData(input), name: input.name, nameLower: input.name.toLowerCase() }, select });
    await setComponentStatus(tx, incident.componentId, input.component_status);
    return incident;
  });
  return serializeIncident(row);
}

/** PATCH semantics; PUT passes a full IncidentInput with defaults filled in. A given component_status is applied too. */
export async function updateIncident(principal: Principal, id: number, input: IncidentPatch) {
  const existing = await findVisible(principal, id);
  const componentId = input.component_id !== undefined ? input.component_id : existing.componentId;
  assertComponentForStatus(componentId, input.component_status);
  const data = toData(input);
  // Detaching the component drops its status with it.
  if (componentId === null) data.componentStatus = null;
  await assertComponentExists(input.component_id);
  const row = await db.$transaction(async (tx) => {
    const incident = await tx.incident.update({ where: { id }, data, select });
    await setComponentStatus(tx, incident.componentId, input.component_status);
    return incident;
  });
  return serializeIncident(row);
}

/** What PUT fills in for omitted fields. occurred_at is not here: a PUT without it keeps the stored time. */
export const INCIDENT_DEFAULTS = { message: "", status: 1, visible: true, component_id: null, component_status: null, scheduled_at: null } as const;

/** Its updates go with it (ON DELETE CASCADE); the component keeps its status. */
export async function deleteIncident(principal: Principal, id: number) {
  await findVisible(principal, id);
  await db.incident.delete({ where: { id } });
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
} as const;

type IncidentUpdateRow = {
  id: number;
  incidentId: number;
  status: number;
  message: string;
  authorId: number | null;
  createdAt: Date;
  updatedAt: Date;
};

export function serializeIncidentUpdate(u: IncidentUpdateRow): IncidentUpdateOut {
  return {
    id: u.id,
    incident_id: u.incidentId,
    status: u.status,
    status_name: statusName(u.status),
    message: u.message,
    author_id: u.authorId,
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
  };
}

export async function listIncidentUpdates(principal: Principal, incidentId: number, filters: IncidentUpdateFilters, page: Page) {
  await findVisible(principal, incidentId);
  const where = { incidentId, ...(filters.status !== undefined ? { status: filters.status } : {}) };
  const [count, rows] = await Promise.all([
    db.incidentUpdate.count({ where }),
    db.incidentUpdate.findMany({
      where,
      select: updateSelect,
      orderBy: orderBy(filters.ordering, { id: "id", status: "status", created_at: "createdAt" }, [
        { field: "created_at", desc: true },
        { field: "id", desc: true },
      ]),
      skip: page.offset,
      take: page.limit,
    }),
  ]);
  return { count, results: rows.map(serializeIncidentUpdate) };
}

async function findUpdate(principal: Principal, incidentId: number, updateId: number) {
  await findVisible(principal, incidentId);
  const row = await db.incidentUpdate.findFirst({ where: { id: updateId, incidentId }, select: updateSelect });
  if (!row) throw notFound();
  return row;
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
    await tx.incident.update({
      where: { id: incidentId },
      data: { status: input.status, ...(moveComponent ? { componentStatus: input.component_status } : {}) },
    });
    await setComponentStatus(tx, incident.componentId, input.component_status);
    return update;
  });
  return serializeIncidentUpdate(row);
}

/** Editing the status of the latest update moves the incident too, so the two never disagree. */
export async function updateIncidentUpdate(principal: Principal, incidentId: number, updateId: number, input: IncidentUpdatePatch) {
  await findUpdate(principal, incidentId, updateId);
  const row = await db.$transaction(async (tx) => {
    const update = await tx.incidentUpdate.update({
      where: { id: updateId },
      data: {
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.message !== undefined ? { message: input.message } : {}),
      },
      select: updateSelect,
    });
    if (input.status !== undefined) {
      const latest = await tx.incidentUpdate.findFirst({ where: { incidentId }, orderBy: { id: "desc" }, select: { id: true } });
      if (latest?.id === updateId) await tx.incident.update({ where: { id: incidentId }, data: { status: input.status } });
    }
    return update;
  });
  return serializeIncidentUpdate(row);
}

/** The incident keeps its status: an update is history, not state. */
export async function deleteIncidentUpdate(principal: Principal, incidentId: number, updateId: number) {
  await findUpdate(principal, incidentId, updateId);
  await db.incidentUpdate.delete({ where: { id: updateId } });
}
