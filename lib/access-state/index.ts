// The access-state version: one number that moves forward with every change of who may read what. Database
// triggers (migration 20261202010256_access_state) bump it on any insert, update or delete of `settings` or
// `roles`, in the same transaction as the change, whoever writes it. Whatever is kept per process about
// anonymous access (public answers in lib/public-cache; the public role's permissions) is kept under the
// version it was built at and used only while a fresh read still returns that version: one primary-key
// read per request, and a change applies from the very next request on every instance on that database.
import { db } from "../db.ts";

/** The current version. Throws when the database is unreachable. */
export async function readAccessVersion(): Promise<number> {
  const row = await db.accessState.findUnique({ where: { id: 1 }, select: { version: true } });
  return row?.version ?? 0;
}
