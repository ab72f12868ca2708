// The outbox's "webhook" delivery kind: which endpoints an event goes to, how one delivery is sent, and
// the bookkeeping that disables an endpoint that keeps failing (Stripe, GitHub), with the reason shown.
import { db } from "../db.ts";
import type { Delivery, DeliveryKind, OutboxEvent, SendOutcome } from "../outbox/types.ts";
import { eventListColumn, signingSecrets } from "./index.ts";
import { postWebhook } from "./send.ts";

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** An endpoint is disabled once every attempt has failed for this long… */
export const disableAfterMs = () => positive("BEACON_WEBHOOK_DISABLE_AFTER_HOURS", 120) * 3600_000;
/** …or once this many deliveries in a row have failed for good. */
export const disableAfterFailures = () => Math.floor(positive("BEACON_WEBHOOK_DISABLE_AFTER_FAILURES", 20));

/** The Standard Webhooks payload: `type`, `timestamp` (when the event happened) and `data`. */
export function payloadOf(event: Pick<OutboxEvent, "type" | "occurredAt" | "data">): string {
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data });
}

async function send(delivery: Delivery): Promise<SendOutcome> {
  if (delivery.webhookId === null || !delivery.event) return { ok: false, error: "Not a webhook delivery.", final: true };
  const endpoint = await signingSecrets(delivery.webhookId);
  if (!endpoint) return { ok: false, error: "The endpoint was deleted.", final: true };
  if (!endpoint.enabled) return { ok: false, error: "The endpoint is disabled.", final: true };
  return postWebhook({ url: endpoint.url, messageId: delivery.messageId, body: payloadOf(delivery.event), secrets: endpoint.secrets });
}

async function afterAttempt(delivery: Delivery, outcome: SendOutcome, settled: boolean): Promise<void> {
  const id = delivery.webhookId;
  if (id === null) return;
  if (outcome.ok) {
    await db.webhook.updateMany({ where: { id }, data: { failingSince: null, consecutiveFailures: 0 } });
    return;
  }
  const now = new Date();
  await db.webhook.updateMany({ where: { id, failingSince: null }, data: { failingSince: now } });
  if (settled) await db.webhook.updateMany({ where: { id }, data: { consecutiveFailures: { increment: 1 } } });
  const hook = await db.webhook.findUnique({ where: { id }, select: { enabled: true, failingSince: true, consecutiveFailures: true } });
  if (!hook?.enabled || !hook.failingSince) return;
  const failingFor = now.getTime() - hook.failingSince.getTime();
  let reason: string | null = null;
  if (failingFor >= disableAfterMs()) {
    reason = `Every delivery attempt since ${hook.failingSince.toISOString()} failed (${Math.round(failingFor / 3600_000)} h); last error: ${outcome.error}`;
  } else if (hook.consecutiveFailures >= disableAfterFailures()) {
    reason = `${hook.consecutiveFailures} deliveries in a row failed after all their retries; last error: ${outcome.error}`;
  }
  if (reason) await db.webhook.updateMany({ where: { id, enabled: true }, data: { enabled: false, disabledAt: now, disabledReason: reason.slice(0, 600) } });
}

export const WEBHOOK_KIND: DeliveryKind = {
  kind: "webhook",
  async targets(event) {
    const hooks = await db.webhook.findMany({ where: { enabled: true }, select: { id: true, events: true } });
    return hooks
      .filter((h) => (eventListColumn.decode(h.events) as string[]).includes(event.type))
      .map((h) => ({ target: `webhook:${h.id}`, webhookId: h.id }));
  },
  send,
  afterAttempt,
};
