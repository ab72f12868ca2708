// maintenance.scheduled is recorded with the write that creates the window; maintenance.started and
// maintenance.completed are noticed by the outbox worker when a window opens or closes (a periodic task
// of lib/notifications). Each fires once across all instances: a marker row keyed by window and
// transition is inserted with ON CONFLICT DO NOTHING in the same transaction as the event, so only
// the instance whose insert counted records it, and no statement ever fails (the SQLite trap).
import { db } from "../db.ts";
import { recordEvent } from "../outbox/events.ts";
import type { Tx, Writer } from "../outbox/types.ts";
import { maintenanceSelect, serializeMaintenance, type MaintenanceRow } from "./index.ts";

/** Windows that opened or closed longer ago than this when first noticed (Beacon was down) get no event. */
const LOOKBACK_MS = 24 * 3600_000;

// Events carry every affected component, and `visible`: senders to the public filter for themselves.
const eventSelect = maintenanceSelect({});

export async function maintenanceEventData(tx: Writer, id: number) {
  const row: MaintenanceRow = await tx.maintenance.findUniqueOrThrow({ where: { id }, select: eventSelect });
  return { maintenance: serializeMaintenance(row) };
}

/** Inserts the marker `key`; true when this call inserted it (and so owns the event). */
async function claimMarker(tx: Tx, key: string): Promise<boolean> {
  const inserted = await tx.$executeRaw`INSERT INTO "outbox_markers" ("key") VALUES (${key}) ON CONFLICT ("key") DO NOTHING`;
  return inserted === 1;
}

async function fireOnce(id: number, transition: "started" | "completed"): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (!(await claimMarker(tx, `maintenance:${id}:${transition}`))) return false;
    await recordEvent(tx, `maintenance.${transition}`, await maintenanceEventData(tx, id));
    return true;
  });
}

/** Records maintenance.started / maintenance.completed for windows that opened / closed since; returns how many. */
export async function recordMaintenanceTransitions(now: Date = new Date()): Promise<number> {
  const since = new Date(now.getTime() - LOOKBACK_MS);
  const windows = await db.maintenance.findMany({
    where: {
      OR: [
        { scheduledStart: { lte: now, gte: since } },
        { scheduledEnd: { lte: now, gte: since } },
        { completedAt: { lte: now, gte: since } },
      ],
    },
    select: { id: true, scheduledStart: true, scheduledEnd: true, completedAt: true },
    orderBy: { id: "asc" },
  });
  if (windows.length === 0) return 0;
  const keys = windows.flatMap((w) => [`maintenance:${w.id}:started`, `maintenance:${w.id}:completed`]);
  const done = new Set((await db.outboxMarker.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((m) => m.key));
  let fired = 0;
  for (const w of windows) {
    const ended = (w.completedAt && w.completedAt <= now) || w.scheduledEnd <= now;
    // A window that ended before it was ever seen running still starts before it completes, in that order.
    // (One that opened before the look-back only completes: its start is no news any more.)
    if (w.scheduledStart <= now && w.scheduledStart >= since && !done.has(`maintenance:${w.id}:started`)) fired += Number(await fireOnce(w.id, "started"));
    if (ended && !done.has(`maintenance:${w.id}:completed`)) fired += Number(await fireOnce(w.id, "completed"));
  }
  return fired;
}
