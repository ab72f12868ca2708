// Webhook endpoints (issue 12): registered by holders of `webhooks:write` (Admins by default, never the
// public role), each with its own signing secret, shown once. Deliveries are the outbox's rows
// (lib/outbox) for this endpoint; a redelivery re-sends the same message, same `webhook-id`.
import { db, type Prisma } from "../db.ts";
import { conflict, validationError } from "../errors.ts";
import { auditActor, type Principal } from "../auth/principal.ts";
import { recordAudit } from "../audit/index.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { timestamps } from "../domain/fields.ts";
import { orderBy } from "../domain/ordering.ts";
import { listColumn } from "../lists.ts";
import { wakeOutbox } from "../outbox/events.ts";
import { EVENT_TYPES, type DeliveryFilters, type DeliveryOut, type EventType, type WebhookFilters, type WebhookInput, type WebhookOut, type WebhookPatch } from "../validation/webhooks.ts";
import { decryptSecret, encryptSecret, generateSecret } from "./secret.ts";
import { resolveTarget, TargetRefused } from "./ssrf.ts";

/** After a rotation, the previous secret keeps signing (a second signature) this long, so receivers can switch. */
export const ROTATION_GRACE_MS = 24 * 3600_000;

export const eventListColumn = listColumn((value): value is EventType => typeof value === "string" && (EVENT_TYPES as readonly string[]).includes(value));

const select = {
  id: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  disabledReason: true,
  disabledAt: true,
  failingSince: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookSelect;

type WebhookRow = Prisma.WebhookGetPayload<{ select: typeof select }>;

export function serializeWebhook(w: WebhookRow): WebhookOut {
  return {
    id: w.id,
    url: w.url,
    description: w.description,
    events: eventListColumn.decode(w.events),
    enabled: w.enabled,
    disabled_reason: w.disabledReason,
    disabled_at: w.disabledAt?.toISOString() ?? null,
    failing_since: w.failingSince?.toISOString() ?? null,
    ...timestamps(w),
  };
}

/** A URL that resolves to a forbidden address is a 400 on `url`, before anything is written. */
async function assertReachable(url: string): Promise<void> {
  try {
    await resolveTarget(new URL(url).hostname);
  } catch (err) {
    if (err instanceof TargetRefused) throw validationError({ url: [err.message] });
    throw err;
  }
}

export async function listWebhooks(filters: WebhookFilters, page: PageWindow) {
  const where = filters.enabled !== undefined ? { enabled: filters.enabled } : {};
  const order = orderBy(filters.ordering, { id: "id", created_at: "createdAt", updated_at: "updatedAt" }, [{ field: "id", desc: false }]);
  return pagedQuery(db.webhook, { where, select, orderBy: order }, page, serializeWebhook);
}

export async function getWebhook(id: number) {
  return serializeWebhook(await db.webhook.findUniqueOrThrow({ where: { id }, select }));
}

const auditDetail = (w: { url: string; events: string[] | string }) => ({ url: w.url, events: typeof w.events === "string" ? eventListColumn.decode(w.events) : w.events });

export async function createWebhook(principal: Principal, input: WebhookInput) {
  await assertReachable(input.url);
  const secret = generateSecret();
  const row = await db.webhook.create({
    data: {
      url: input.url,
      description: input.description ?? "",
      events: eventListColumn.encode(input.events),
      enabled: input.enabled ?? true,
      secret: encryptSecret(secret),
    },
    select,
  });
  await recordAudit(auditActor(principal), { action: "webhook.create", targetType: "webhook", targetId: row.id, detail: auditDetail(row) });
  return { ...serializeWebhook(row), secret };
}

/** PATCH semantics; PUT passes a full input. Enabling an endpoint clears the reason it was disabled for. */
export async function updateWebhook(principal: Principal, id: number, input: WebhookPatch) {
  await db.webhook.findUniqueOrThrow({ where: { id }, select: { id: true } });
  if (input.url !== undefined) await assertReachable(input.url);
  const data: Prisma.WebhookUpdateInput = {
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.events !== undefined ? { events: eventListColumn.encode(input.events) } : {}),
  };
  if (input.enabled === true) Object.assign(data, { enabled: true, disabledReason: null, disabledAt: null, failingSince: null, consecutiveFailures: 0 });
  if (input.enabled === false) Object.assign(data, { enabled: false, disabledReason: null, disabledAt: new Date() });
  const row = await db.webhook.update({ where: { id }, data, select });
  await recordAudit(auditActor(principal), { action: "webhook.update", targetType: "webhook", targetId: id, detail: { ...auditDetail(row), enabled: row.enabled } });
  return serializeWebhook(row);
}

export async function deleteWebhook(principal: Principal, id: number) {
  const row = await db.webhook.delete({ where: { id }, select });
  await recordAudit(auditActor(principal), { action: "webhook.delete", targetType: "webhook", targetId: id, detail: auditDetail(row) });
}

/** A new secret, shown in this answer only; the previous one still signs deliveries for ROTATION_GRACE_MS. */
export async function rotateWebhookSecret(principal: Principal, id: number) {
  const current = await db.webhook.findUniqueOrThrow({ where: { id }, select: { secret: true } });
  const secret = generateSecret();
  const row = await db.webhook.update({
    where: { id },
    data: { secret: encryptSecret(secret), previousSecret: current.secret, previousSecretExpiresAt: new Date(Date.now() + ROTATION_GRACE_MS) },
    select,
  });
  await recordAudit(auditActor(principal), { action: "webhook.rotate_secret", targetType: "webhook", targetId: id, detail: { url: row.url } });
  return { ...serializeWebhook(row), secret };
}

/** The secrets that sign a delivery now: the current one, and a rotated-out one still in its grace period. */
export async function signingSecrets(id: number): Promise<{ url: string; enabled: boolean; events: EventType[]; secrets: string[] } | null> {
  const row = await db.webhook.findUnique({ where: { id }, select: { url: true, enabled: true, events: true, secret: true, previousSecret: true, previousSecretExpiresAt: true } });
  if (!row) return null;
  const secrets = [decryptSecret(row.secret)];
  if (row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date()) secrets.push(decryptSecret(row.previousSecret));
  return { url: row.url, enabled: row.enabled, events: eventListColumn.decode(row.events), secrets };
}

// ---- deliveries ------------------------------------------------------------------------------------

const deliverySelect = {
  id: true,
  webhookId: true,
  messageId: true,
  eventId: true,
  status: true,
  attempts: true,
  responseStatus: true,
  lastError: true,
  createdAt: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  sentAt: true,
  event: { select: { type: true } },
} satisfies Prisma.OutboxDeliverySelect;

type DeliveryRow = Prisma.OutboxDeliveryGetPayload<{ select: typeof deliverySelect }>;

export function serializeDelivery(d: DeliveryRow): DeliveryOut {
  return {
    id: d.id,
    webhook_id: d.webhookId ?? 0,
    message_id: d.messageId,
    event_id: d.eventId,
    event_type: d.event?.type ?? null,
    status: d.status as DeliveryOut["status"],
    attempts: d.attempts,
    response_status: d.responseStatus,
    last_error: d.lastError,
    created_at: d.createdAt.toISOString(),
    last_attempt_at: d.lastAttemptAt?.toISOString() ?? null,
    next_attempt_at: d.status === "queued" ? d.nextAttemptAt.toISOString() : null,
    sent_at: d.sentAt?.toISOString() ?? null,
  };
}

/** The deliveries of one endpoint, newest first; an unknown endpoint is a 404, not an empty list. */
export async function listDeliveries(webhookId: number, filters: DeliveryFilters, page: PageWindow) {
  await db.webhook.findUniqueOrThrow({ where: { id: webhookId }, select: { id: true } });
  const where = { webhookId, ...(filters.status ? { status: filters.status } : {}) };
  const order = orderBy(filters.ordering, { id: "id", created_at: "createdAt" }, [{ field: "id", desc: true }]);
  return pagedQuery(db.outboxDelivery, { where, select: deliverySelect, orderBy: order }, page, serializeDelivery);
}

/** Every endpoint's deliveries, newest first (the admin screen). */
export async function listAllDeliveries(filters: DeliveryFilters, page: PageWindow) {
  const where = { webhookId: { not: null }, ...(filters.status ? { status: filters.status } : {}) };
  const order = orderBy(filters.ordering, { id: "id", created_at: "createdAt" }, [{ field: "id", desc: true }]);
  return pagedQuery(db.outboxDelivery, { where, select: deliverySelect, orderBy: order }, page, serializeDelivery);
}

/**
 * Sends a delivery once more, now, with the same `webhook-id` (receivers that already have it may drop
 * it). One attempt: if it fails it is failed again, not retried for another day. A delivery being sent
 * right now, or one to a disabled endpoint, is a 409.
 */
export async function redeliver(principal: Principal, webhookId: number, deliveryId: number) {
  const delivery = await db.outboxDelivery.findFirstOrThrow({ where: { id: deliveryId, webhookId }, select: { id: true, webhook: { select: { enabled: true } } } });
  if (!delivery.webhook?.enabled) throw conflict({ webhook: ["This endpoint is disabled: enable it before redelivering."] });
  const now = new Date();
  const { count } = await db.outboxDelivery.updateMany({
    where: { id: deliveryId, status: { not: "sending" } },
    data: { status: "queued", nextAttemptAt: now, retryUntil: now, leaseOwner: null, leaseUntil: null },
  });
  if (count !== 1) throw conflict({ status: ["This delivery is being sent right now."] });
  await recordAudit(auditActor(principal), { action: "webhook.redeliver", targetType: "webhook", targetId: webhookId, detail: { delivery_id: deliveryId } });
  wakeOutbox();
  return serializeDelivery(await db.outboxDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: deliverySelect }));
}
