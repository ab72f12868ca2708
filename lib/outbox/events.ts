// Domain events, written with the change that causes them: a domain write function calls recordEvent
// with its own transaction client, so the event exists exactly when the change does. The outbox worker
// (worker.ts) fans each event out to its receivers later, in whichever instance gets there first.
import { randomUUID } from "node:crypto";
import type { Writer } from "./types.ts";

import type { EventType } from "../validation/webhooks.ts";

export { EVENT_TYPES, type EventType } from "../validation/webhooks.ts";

/** Records `type` with its `data` (the webhook payload's `data`) in the caller's transaction. */
export async function recordEvent(tx: Writer, type: EventType, data: Record<string, unknown>): Promise<void> {
  await tx.outboxEvent.create({ data: { type, data: JSON.stringify(data) }, select: { id: true } });
}

/**
 * Enqueues one delivery that no event fans out (a confirmation e-mail, a reminder), in the caller's
 * transaction. `kind` names the sender registered with the worker; `target` says who receives it.
 */
export async function enqueueDelivery(tx: Writer, delivery: { kind: string; target: string; payload: Record<string, unknown>; retryWindowMs?: number }): Promise<string> {
  const messageId = newMessageId();
  const windowMs = delivery.retryWindowMs ?? 24 * 3600_000;
  await tx.outboxDelivery.create({
    data: { messageId, kind: delivery.kind, target: delivery.target, payload: JSON.stringify(delivery.payload), retryUntil: new Date(Date.now() + windowMs) },
    select: { id: true },
  });
  return messageId;
}

/** `msg_` and 32 hex digits: unique, stable for the delivery's whole life (Standard Webhooks' `webhook-id`). */
export function newMessageId(): string {
  return `msg_${randomUUID().replace(/-/g, "")}`;
}

// Route handlers and the worker may live in different module copies (Next bundles its own): they meet on globalThis.
const wakers = ((globalThis as unknown as { __beaconOutboxWakers?: Set<() => void> }).__beaconOutboxWakers ??= new Set());

/** Tells this process's worker that something was committed, so it sends now instead of at its next poll. */
export function wakeOutbox(): void {
  for (const wake of wakers) wake();
}

export function onOutboxWake(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}
