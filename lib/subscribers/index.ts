// Subscribers: never public. Routes refuse anonymous requests twice over: subscribers are outside the
// anonymous ceiling of lib/auth/permissions.ts, and every route also says requireUser.
import { db } from "../db.ts";
import { conflict, notFound } from "../errors.ts";
import type { Page } from "../paging.ts";
import { orderBy } from "../domain/ordering.ts";
import type { SubscriberFilters, SubscriberInput, SubscriberOut, SubscriberPatch } from "../validation/subscribers.ts";

const select = { id: true, email: true, verifiedAt: true, createdAt: true, updatedAt: true } as const;

type SubscriberRow = { id: number; email: string; verifiedAt: Date | null; createdAt: Date; updatedAt: Date };

export function serializeSubscriber(s: SubscriberRow): SubscriberOut {
  return {
    id: s.id,
    email: s.email,
    verified_at: s.verifiedAt?.toISOString() ?? null,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}

/** `email` is the only unique column besides the id, so any unique violation here is the e-mail. */
async function uniqueEmail<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if ((err as { code?: string } | null)?.code === "P2002") throw conflict({ email: ["A subscriber with this e-mail already exists."] });
    throw err;
  }
}

export async function listSubscribers(filters: SubscriberFilters, page: Page) {
  const q = filters.q?.trim().toLowerCase();
  const where = {
    AND: [
      filters.verified === undefined ? {} : filters.verified ? { verifiedAt: { not: null } } : { verifiedAt: null },
      filters.email !== undefined ? { email: filters.email.trim().toLowerCase() } : {},
      q ? { email: { contains: q } } : {},
    ],
  };
  const [count, rows] = await Promise.all([
    db.subscriber.count({ where }),
    db.subscriber.findMany({
      where,
      select,
      orderBy: orderBy(filters.ordering, { id: "id", email: "email", created_at: "createdAt", updated_at: "updatedAt" }, [{ field: "id", desc: false }]),
      skip: page.offset,
      take: page.limit,
    }),
  ]);
  return { count, results: rows.map(serializeSubscriber) };
}

async function findSubscriber(id: number) {
  const row = await db.subscriber.findUnique({ where: { id }, select });
  if (!row) throw notFound();
  return row;
}

export async function getSubscriber(id: number) {
  return serializeSubscriber(await findSubscriber(id));
}

function toData(input: SubscriberPatch) {
  return {
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.verified_at !== undefined ? { verifiedAt: input.verified_at } : {}),
  };
}

export async function createSubscriber(input: SubscriberInput) {
  const row = await uniqueEmail(() => db.subscriber.create({ data: { ...toData(input), email: input.email }, select }));
  return serializeSubscriber(row);
}

/** PATCH semantics; PUT passes a full SubscriberInput with defaults filled in. */
export async function updateSubscriber(id: number, input: SubscriberPatch) {
  await findSubscriber(id);
  const row = await uniqueEmail(() => db.subscriber.update({ where: { id }, data: toData(input), select }));
  return serializeSubscriber(row);
}

export const SUBSCRIBER_DEFAULTS = { verified_at: null } as const;

export async function deleteSubscriber(id: number) {
  await findSubscriber(id);
  await db.subscriber.delete({ where: { id } });
}
