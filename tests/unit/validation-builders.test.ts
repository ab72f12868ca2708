// The shared zod builders keep every list's filters and every stored object's shape as they were written by
// hand: the resource's own filters first and `ordering` last (whitelisted), the id first and the timestamps last.
import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { listFilters, search, storedOut } from "../../lib/validation/common.ts";

test("listFilters puts the resource's filters first and a whitelisted ordering last", () => {
  const Filters = listFilters(["id", "name"], { q: search(), name: z.string().optional() });
  assert.deepEqual(Object.keys(Filters.shape), ["q", "name", "ordering"]);
  assert.deepEqual(Filters.parse({ ordering: "-name,id", q: "x" }), { q: "x", ordering: [{ field: "name", desc: true }, { field: "id", desc: false }] });
  const refused = Filters.safeParse({ ordering: "secret" });
  assert.equal(refused.success, false);
  assert.match(refused.error!.issues[0].message, /Unknown ordering field "secret". Use one of: id, name\./);
  assert.equal(Filters.safeParse({ q: "y".repeat(201) }).success, false);
});

test("storedOut is the id, the object's own fields, then created_at and updated_at", () => {
  const Out = storedOut({ name: z.string() });
  assert.deepEqual(Object.keys(Out.shape), ["id", "name", "created_at", "updated_at"]);
  const when = "2026-01-02T03:04:05.000Z";
  assert.equal(Out.safeParse({ id: 1, name: "a", created_at: when, updated_at: when }).success, true);
  assert.equal(Out.safeParse({ id: 1.5, name: "a", created_at: when, updated_at: when }).success, false);
  assert.equal(Out.safeParse({ id: 1, name: "a", created_at: "yesterday", updated_at: when }).success, false);
});
