// The outbox's rows: fanning events out into deliveries, claiming due deliveries, settling attempts.
// Claims are conditional updates that work alike on SQLite and PostgreSQL: a delivery is taken only by
// the one UPDATE that still finds it due, so two workers never send the same attempt; the lease they
// write lets another worker take it again if this one dies mid-send (at-least-once).
import { randomUUID } from "node:crypto";
import { db } from "../db.ts";
import { newMessageId } from "./events.ts";
import { retryDelayMs, type OutboxConfig } from "./config.ts";
import type { Delivery, DeliveryKind, OutboxEvent, SendOutcome } from "./types.ts";

const parse = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "P2002";

/**
 * Turns undispatched events into deliveries, one per (event, target). Idempotent: a target already
 * created (by this worker earlier, or another one meanwhile) is skipped by the unique constraint.
 * No transaction: on SQLite a rollback would undo other requests' statements too (lib/incidents).
 */
export async function dispatchEvents(kinds: readonly DeliveryKind[], config: Pick<OutboxConfig, "retryWindowMs">, limit = 50): Promise<number> {
  const rows = await db.outboxEvent.findMany({ where: { dispatchedAt: null }, orderBy: { id: "asc" }, take: limit });
  for (const row of rows) {
    const event: OutboxEvent = { id: row.id, type: row.type, data: parse(row.data), occurredAt: row.occurredAt };
    const retryUntil = new Date(Date.now() + config.retryWindowMs);
    for (const kind of kinds) {
      for (const t of await kind.targets(event)) {
        try {
          await db.outboxDelivery.create({
            data: {
              messageId: newMessageId(),
              eventId: event.id,
              kind: kind.kind,
              target: t.target,
              webhookId: t.webhookId ?? null,
              payload: JSON.stringify(t.payload ?? {}),
              retryUntil,
            },
            select: { id: true },
          });
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
        }
      }
    }
    await db.outboxEvent.updateMany({ where: { id: event.id, dispatchedAt: null }, data: { dispatchedAt: new Date() } });
  }
  return rows.length;
}

const dueWhere = (now: Date) => ({
  OR: [
    { status: "queued", nextAttemptAt: { lte: now } },
    // A claim whose worker died (or overran its lease): anyone may take it again.
    { status: "sending", leaseUntil: { lt: now } },
  ],
});

export interface Claim {
  delivery: Delivery;
  lease: string;
  retryUntil: Date;
}

const claimSelect = {
  id: true,
  messageId: true,
  kind: true,
  target: true,
  webhookId: true,
  payload: true,
  attempts: true,
  retryUntil: true,
  event: { select: { id: true, type: true, data: true, occurredAt: true } },
} as const;

/** Claims up to `limit` due deliveries of the given kinds for this worker, each by one conditional update. */
export async function claimDue(kinds: readonly string[], config: Pick<OutboxConfig, "leaseMs">, limit: number): Promise<Claim[]> {
  const now = new Date();
  const candidates = await db.outboxDelivery.findMany({
    where: { AND: [dueWhere(now), { kind: { in: [...kinds] } }] },
    select: { id: true },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: limit,
  });
  const claims: Claim[] = [];
  for (const { id } of candidates) {
    const lease = randomUUID();
    const { count } = await db.outboxDelivery.updateMany({
      where: { AND: [{ id }, dueWhere(now)] },
      data: { status: "sending", leaseOwner: lease, leaseUntil: new Date(now.getTime() + config.leaseMs), attempts: { increment: 1 }, lastAttemptAt: now },
    });
    if (count !== 1) continue; // another worker won it
    const row = await db.outboxDelivery.findUnique({ where: { id }, select: claimSelect });
    if (!row) continue;
    claims.push({
      lease,
      retryUntil: row.retryUntil,
      delivery: {
        id: row.id,
        messageId: row.messageId,
        kind: row.kind,
        target: row.target,
        webhookId: row.webhookId,
        payload: parse(row.payload),
        attempts: row.attempts,
        event: row.event && { id: row.event.id, type: row.event.type, data: parse(row.event.data), occurredAt: row.event.occurredAt },
      },
    });
  }
  return claims;
}

/** Error text kept on a delivery: one line, bounded, so a receiver cannot fill the table. */
export const errorText = (message: string) => message.replace(/\s+/g, " ").trim().slice(0, 500);

/**
 * Records an attempt's outcome, if this worker still holds the claim (a late worker whose lease was
 * taken over writes nothing). Says whether it wrote, and whether the delivery is now settled (sent, or failed for good).
 */
export async function settle(claim: Claim, outcome: SendOutcome, config: Pick<OutboxConfig, "retryBaseMs" | "retryMaxMs">): Promise<{ written: boolean; settled: boolean }> {
  const now = new Date();
  const where = { id: claim.delivery.id, leaseOwner: claim.lease, status: "sending" };
  const released = { leaseOwner: null, leaseUntil: null, responseStatus: outcome.responseStatus ?? null };
  if (outcome.ok) {
    const { count } = await db.outboxDelivery.updateMany({ where, data: { ...released, status: "sent", sentAt: now, lastError: null } });
    return { written: count === 1, settled: true };
  }
  const final = outcome.final === true || now >= claim.retryUntil;
  const next = new Date(now.getTime() + retryDelayMs(claim.delivery.attempts, config));
  const { count } = await db.outboxDelivery.updateMany({
    where,
    data: { ...released, lastError: errorText(outcome.error), ...(final ? { status: "failed" } : { status: "queued", nextAttemptAt: next }) },
  });
  return { written: count === 1, settled: final };
}

/** When the next delivery of these kinds falls due, or null when none waits (the worker sleeps till then). */
export async function nextDueAt(kinds: readonly string[]): Promise<Date | null> {
  const [queued, leased] = await Promise.all([
    db.outboxDelivery.findFirst({ where: { status: "queued", kind: { in: [...kinds] } }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } }),
    db.outboxDelivery.findFirst({ where: { status: "sending", kind: { in: [...kinds] } }, orderBy: { leaseUntil: "asc" }, select: { leaseUntil: true } }),
  ]);
  const times = [queued?.nextAttemptAt, leased?.leaseUntil].filter((t): t is Date => t instanceof Date);
  return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
}
