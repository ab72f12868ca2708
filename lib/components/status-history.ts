// The one way a component's stored status changes: every path (component create/PUT/PATCH, incident
// create/update, an update posted, GraphQL's mutations through the same domain functions) moves it here,
// inside its own transaction, so the history that the uptime bars read never misses a change.
import type { Db } from "../db.ts";
import { recordStatusChange } from "./events.ts";

export type Tx = Parameters<Extract<Parameters<Db["$transaction"]>[0], (...args: never[]) => unknown>>[0];

/** A new component's first status: the history starts with it (from `null`). */
export async function recordInitialStatus(tx: Tx, componentId: number, status: number, at: Date = new Date()) {
  await tx.componentStatusChange.create({ data: { componentId, fromStatus: null, toStatus: status, changedAt: at } });
}

/**
 * Sets the component's status and records the change when it is one. The first write touches the row
 * (taking PostgreSQL's row lock, the latest committed status read back after it), so two requests moving
 * the same component chain their `from`s instead of both starting from the same old status.
 */
export async function moveComponentStatus(tx: Tx, componentId: number, status: number, at: Date = new Date()) {
  const before = await tx.component.update({ where: { id: componentId }, data: { updatedAt: at }, select: { status: true } });
  if (before.status === status) return false;
  await tx.component.update({ where: { id: componentId }, data: { status, updatedAt: at } });
  await tx.componentStatusChange.create({ data: { componentId, fromStatus: before.status, toStatus: status, changedAt: at } });
  await recordStatusChange(tx, componentId, before.status); // component.status_changed, for webhooks and e-mail
  return true;
}

/** Several components at once (an incident's affected components), in id order so concurrent moves lock alike. */
export async function moveComponentStatuses(tx: Tx, moves: readonly { id: number; status: number }[], at: Date = new Date()) {
  for (const move of [...moves].sort((a, b) => a.id - b.id)) await moveComponentStatus(tx, move.id, move.status, at);
}
