// What the outbox hands a delivery kind (webhook, e-mail, …) and what a kind answers.
import type { Db } from "../db.ts";

/** A transaction client of `db.$transaction(async (tx) => …)`, or the client itself. */
export type Tx = Parameters<Extract<Parameters<Db["$transaction"]>[0], (...args: never[]) => unknown>>[0];
export type Writer = Db | Tx;

export interface OutboxEvent {
  id: number;
  type: string;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export interface Delivery {
  id: number;
  /** The stable message id: Standard Webhooks' `webhook-id`, the same on every attempt. */
  messageId: string;
  kind: string;
  target: string;
  webhookId: number | null;
  payload: Record<string, unknown>;
  /** Attempts so far, this one included. */
  attempts: number;
  /** The event it carries, or null for a delivery enqueued on its own (a confirmation e-mail). */
  event: OutboxEvent | null;
}

/** One receiver of an event: `target` is unique per event ("webhook:12", "subscriber:7"). */
export interface Target {
  target: string;
  webhookId?: number;
  payload?: Record<string, unknown>;
}

export type SendOutcome =
  | { ok: true; responseStatus?: number }
  /** `final`: retrying cannot help (the target is gone or disabled): the delivery fails at once. */
  | { ok: false; error: string; responseStatus?: number; final?: boolean };

/** A way of sending (webhook, e-mail): who gets an event, and how one delivery goes out. */
export interface DeliveryKind {
  kind: string;
  /** The receivers of an event; called by whichever worker fans the event out, possibly more than once. */
  targets(event: OutboxEvent): Promise<Target[]>;
  /** One attempt. Throwing counts as a failed attempt (the message is logged, never the payload). */
  send(delivery: Delivery): Promise<SendOutcome>;
  /** After each attempt, with whether the delivery is now settled (sent or failed for good). */
  afterAttempt?(delivery: Delivery, outcome: SendOutcome, settled: boolean): Promise<void>;
}
