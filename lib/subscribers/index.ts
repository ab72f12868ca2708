// Subscribers: never public. Routes refuse anonymous requests twice over: subscribers are outside the
// anonymous ceiling of lib/auth/permissions.ts, and every route also says requireUser. A taken e-mail
// is the unique constraint's 409; a missing subscriber is Prisma's "not found", answered as a 404.
import { db, type Prisma } from "../db.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { timestamps, toColumns } from "../domain/fields.ts";
import { orderBy } from "../domain/ordering.ts";
import type { SubscriberFilters, SubscriberInput, SubscriberOut, SubscriberPatch } from "../validation/subscribers.ts";

const select = { id: true, email: true, verifiedAt: true, createdAt: true, updatedAt: true } satisfies Prisma.SubscriberSelect;

type SubscriberRow = Prisma.SubscriberGetPayload<{ select: typeof select }>;

export function serializeSubscriber(s: SubscriberRow): SubscriberOut {
  return {
    id: s.id,
    email: s.email,
    verified_at: s.verifiedAt?.toISOString() ?? null,
    ...timestamps(s),
  };
}

export async function listSubscribers(filters: SubscriberFilters, page: PageWindow) {
  const q = filters.q?.trim().toLowerCase();
  const where = {
    AND: [
      filters.verified === undefined ? {} : filters.verified ? { verifiedAt: { not: null } } : { verifiedAt: null },
      filters.email !== undefined ? { email: filters.email.trim().toLowerCase() } : {},
      q ? { email: { contains: q } } : {},
    ],
  };
  const order = orderBy(filters.ordering, { id: "id", email: "email", created_at: "createdAt", updated_at: "updatedAt" }, [{ field: "id", desc: false }]);
  return pagedQuery(db.subscriber, { where, select, orderBy: order }, page, serializeSubscriber);
}

export async function getSubscriber(id: number) {
  return serializeSubscriber(await db.subscriber.findUniqueOrThrow({ where: { id }, select }));
}

export async function createSubscriber(input: SubscriberInput) {
  return serializeSubscriber(await db.subscriber.create({ data: toColumns(input), select }));
}

/** PATCH semantics; PUT passes a full SubscriberInput with defaults filled in. */
export async function updateSubscriber(id: number, input: SubscriberPatch) {
  return serializeSubscriber(await db.subscriber.update({ where: { id }, data: toColumns(input), select }));
}

export const SUBSCRIBER_DEFAULTS = { verified_at: null } as const;

export async function deleteSubscriber(id: number) {
  await db.subscriber.delete({ where: { id } });
}
