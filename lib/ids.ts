import { notFound } from "./errors.ts";

/** A numeric id from the path; anything else names no object (404). */
export function parseId(value: string | undefined): number {
  if (!value || !/^\d{1,10}$/.test(value)) throw notFound();
  const id = Number(value);
  if (id < 1 || id > 2_147_483_647) throw notFound();
  return id;
}
