// Self-service e-mail subscriptions with double opt-in (issue 12): a visitor asks, Beacon mails a signed
// link that expires, opening it verifies the subscriber with the components they chose (none: all).
// Answers never tell whether an address was known. Every mail goes through the outbox (lib/mail/delivery.ts
// sends it). Input is checked before any transaction (SQLite shares one connection: lib/incidents).
import { db } from "../db.ts";
import { ApiError, validationError } from "../errors.ts";
import { takeSubscriptionRequest } from "../auth/throttle.ts";
import { componentsVisibleTo } from "../components/index.ts";
import { mailEnabled, mailOrigin } from "../mail/config.ts";
import { enqueueDelivery, wakeOutbox } from "../outbox/events.ts";
import type { SubscriptionOut, SubscriptionRequest } from "../validation/subscriptions.ts";
import { linkSignedFor, readLink, signLink, type LinkPurpose } from "./links.ts";

/** How long a confirmation link works; an unconfirmed subscriber is purged after it. */
export const CONFIRM_LINK_HOURS = 48;
const CONFIRM_LINK_MS = CONFIRM_LINK_HOURS * 3600_000;

export const MAIL_OFF_DETAIL = "E-mail notifications are not available: this server has no mail server configured (BEACON_SMTP_URL).";
export const ACCEPTED_DETAIL = "Check your inbox to confirm your subscription.";
export const INVALID_LINK = "This link is not valid. Use the latest link we sent you, or subscribe again.";
export const EXPIRED_LINK = `This link has expired (links work for ${CONFIRM_LINK_HOURS} hours). Subscribe again to get a new one.`;

/** The outbox delivery kind that sends e-mail. */
export const EMAIL_KIND = "email";
export const subscriberTarget = (id: number) => `subscriber:${id}`;

export function assertMailEnabled(): void {
  if (!mailEnabled()) throw new ApiError(503, MAIL_OFF_DETAIL);
}

const ANONYMOUS = { user: null };

/** Every id must name a component the public sees (400 otherwise): a visitor may not learn of hidden ones. */
async function assertPublicComponents(ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.component.findMany({ where: { AND: [{ id: { in: ids } }, componentsVisibleTo(ANONYMOUS)] }, select: { id: true } });
  const known = new Set(found.map((c) => c.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) throw validationError({ component_ids: missing.map((id) => `Component ${id} does not exist.`) });
}

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "P2002";

/** The subscriber row of an address, created unverified and pending when new (a concurrent create is taken as is). */
async function subscriberFor(email: string, now: Date) {
  const select = { id: true, email: true, verifiedAt: true, pendingSince: true } as const;
  const existing = await db.subscriber.findUnique({ where: { email }, select });
  if (existing) {
    // A pending subscriber asking again gets a fresh lifetime; admin-added and verified rows are left as they are.
    if (existing.pendingSince) await db.subscriber.updateMany({ where: { id: existing.id, verifiedAt: null }, data: { pendingSince: now } });
    return existing;
  }
  try {
    return await db.subscriber.create({ data: { email, pendingSince: now }, select });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return db.subscriber.findUniqueOrThrow({ where: { email }, select });
  }
}

/**
 * POST /api/v1/subscriptions: queues a confirmation mail with a signed link carrying the chosen components.
 * The same work and the same answer whether the address is new, pending or verified (no enumeration).
 */
export async function requestSubscription(input: SubscriptionRequest, ip: string): Promise<void> {
  assertMailEnabled();
  const componentIds = input.component_ids ?? [];
  await assertPublicComponents(componentIds);
  await takeSubscriptionRequest(input.email, ip);
  const now = new Date();
  await purgeUnconfirmed(now);
  const subscriber = await subscriberFor(input.email, now);
  await enqueueDelivery(db, {
    kind: EMAIL_KIND,
    target: subscriberTarget(subscriber.id),
    payload: { template: "confirm", component_ids: componentIds, expires_at: now.getTime() + CONFIRM_LINK_MS },
    // A confirmation link that can no longer be used is not worth sending.
    retryWindowMs: CONFIRM_LINK_MS / 4,
  });
  wakeOutbox();
}

/** Removes subscribers who never confirmed within the link's lifetime (the public form's, not admin-added ones). */
export async function purgeUnconfirmed(now = new Date()): Promise<number> {
  const { count } = await db.subscriber.deleteMany({ where: { verifiedAt: null, pendingSince: { lt: new Date(now.getTime() - CONFIRM_LINK_MS) } } });
  return count;
}

/** The subscriber a link names, when the link is intact and meant for `purpose`; 400 on `code` otherwise. */
async function subscriberOfLink(code: string, purpose: LinkPurpose) {
  const link = readLink(code);
  if (!link || link.purpose !== purpose) throw validationError({ code: [INVALID_LINK] });
  const subscriber = await db.subscriber.findUnique({ where: { id: link.subscriberId }, select: { id: true, email: true, verifiedAt: true } });
  // Checked even when the row is gone, so a removed subscriber and a forged link take the same time.
  const signed = linkSignedFor(link, subscriber?.email ?? "");
  if (!subscriber || !signed) throw validationError({ code: [INVALID_LINK] });
  if (link.expiresAt !== undefined && Date.now() > link.expiresAt) throw validationError({ code: [EXPIRED_LINK] });
  return { subscriber, link };
}

async function componentIdsOf(subscriberId: number): Promise<number[]> {
  const rows = await db.subscriberComponent.findMany({ where: { subscriberId }, select: { componentId: true }, orderBy: { componentId: "asc" } });
  return rows.map((r) => r.componentId);
}

/** Replaces a subscriber's components, skipping any removed meanwhile (no foreign-key failure inside the transaction). */
async function replaceComponents(subscriberId: number, componentIds: number[], extra: { verify?: boolean } = {}): Promise<void> {
  const existing = componentIds.length ? (await db.component.findMany({ where: { id: { in: componentIds } }, select: { id: true } })).map((c) => c.id) : [];
  await db.$transaction(async (tx) => {
    if (extra.verify) {
      await tx.subscriber.updateMany({ where: { id: subscriberId, verifiedAt: null }, data: { verifiedAt: new Date() } });
      await tx.subscriber.updateMany({ where: { id: subscriberId }, data: { pendingSince: null } });
    }
    await tx.subscriberComponent.deleteMany({ where: { subscriberId } });
    if (existing.length) await tx.subscriberComponent.createMany({ data: existing.map((componentId) => ({ subscriberId, componentId })) });
  });
}

async function subscriptionOut(subscriberId: number): Promise<SubscriptionOut> {
  const s = await db.subscriber.findUniqueOrThrow({ where: { id: subscriberId }, select: { email: true, verifiedAt: true } });
  return { email: s.email, verified_at: s.verifiedAt?.toISOString() ?? null, component_ids: await componentIdsOf(subscriberId) };
}

/** Opening a confirmation link: the subscriber is verified, with the components the link carries. Repeatable. */
export async function confirmSubscription(code: string): Promise<SubscriptionOut & { manage_code: string }> {
  const { subscriber, link } = await subscriberOfLink(code, "confirm");
  await replaceComponents(subscriber.id, link.componentIds ?? [], { verify: true });
  return { ...(await subscriptionOut(subscriber.id)), manage_code: manageCode(subscriber) };
}

/** What a manage link shows. */
export async function subscriptionByManageCode(code: string): Promise<SubscriptionOut> {
  const { subscriber } = await subscriberOfLink(code, "manage");
  return subscriptionOut(subscriber.id);
}

export async function updateSubscription(code: string, componentIds: number[]): Promise<SubscriptionOut> {
  const { subscriber } = await subscriberOfLink(code, "manage");
  await assertPublicComponents(componentIds);
  await replaceComponents(subscriber.id, componentIds);
  return subscriptionOut(subscriber.id);
}

/** Unsubscribing removes the subscriber (and so every link made for them). */
export async function unsubscribe(code: string): Promise<void> {
  const { subscriber } = await subscriberOfLink(code, "manage");
  await db.subscriber.deleteMany({ where: { id: subscriber.id, email: subscriber.email } });
}

/** The manage/unsubscribe code of a subscriber: it does not expire, and dies with the subscriber. */
export const manageCode = (s: { id: number; email: string }) => signLink({ purpose: "manage", subscriberId: s.id }, s.email);

export function confirmCode(s: { id: number; email: string }, componentIds: number[] | null, expiresAt: number): string {
  return signLink({ purpose: "confirm", subscriberId: s.id, componentIds, expiresAt }, s.email);
}

export const subscriptionLinks = (code: string) => ({
  confirm: `${mailOrigin()}/subscribe/confirm?code=${encodeURIComponent(code)}`,
  manage: `${mailOrigin()}/subscribe/manage?code=${encodeURIComponent(code)}`,
  unsubscribe: `${mailOrigin()}/subscribe/unsubscribe?code=${encodeURIComponent(code)}`,
});

/**
 * The verified subscribers an event about these components goes to: those who chose all components, and
 * those who chose one of them. An event naming no component goes to those who chose all.
 */
export async function subscribersFor(componentIds: number[]): Promise<{ id: number }[]> {
  return db.subscriber.findMany({
    where: {
      verifiedAt: { not: null },
      OR: [{ components: { none: {} } }, ...(componentIds.length ? [{ components: { some: { componentId: { in: componentIds } } } }] : [])],
    },
    select: { id: true },
    orderBy: { id: "asc" },
  });
}
