import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { mapError } from "../../lib/api/map-error.ts";
import { ApiError } from "../../lib/errors.ts";

test("unique violations name the field on SQLite (fields) and PostgreSQL (index name)", () => {
  const sqlite = mapError({ code: "P2002", meta: { driverAdapterError: { cause: { constraint: { fields: ["slug"] } } } } });
  assert.deepEqual([sqlite.status, sqlite.detail, sqlite.extra], [409, "Conflict.", { errors: { slug: ["A page with this slug already exists."] } }]);
  const pg = mapError({ code: "P2002", meta: { driverAdapterError: { cause: { constraint: { index: "pages_slug_key" } } } } });
  assert.deepEqual(pg.extra, { errors: { slug: ["A page with this slug already exists."] } });
  const lower = mapError({ code: "P2002", meta: { driverAdapterError: { cause: { constraint: { index: "roles_name_lower_key" } } } } });
  assert.deepEqual(Object.keys(lower.extra.errors as object), ["name"]);
});

test("zod errors become 400 Validation failed with per-field lists; unknown keys say so", () => {
  const schema = z.strictObject({ name: z.string() });
  const result = schema.safeParse({ extra: 1 });
  assert.ok(!result.success);
  const err = mapError(result.error);
  assert.equal(err.status, 400);
  assert.equal(err.detail, "Validation failed.");
  assert.deepEqual((err.extra.errors as Record<string, string[]>).extra, ["Unknown field."]);
  assert.ok((err.extra.errors as Record<string, string[]>).name);
});

test("unreachable databases are 503 with Retry-After; anything unknown a generic 500 with no details", () => {
  const down = mapError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { name: "DriverAdapterError" }));
  assert.deepEqual([down.status, down.detail, down.headers["Retry-After"]], [503, "Service temporarily unavailable.", "5"]);
  const original = console.error;
  console.error = () => {};
  try {
    const boom = mapError(new TypeError("secret internals at /work/main/lib/x.ts:12"));
    assert.deepEqual([boom.status, boom.detail, boom.extra], [500, "A server error occurred.", {}]);
  } finally {
    console.error = original;
  }
  const passthrough = new ApiError(418, "teapot");
  assert.equal(mapError(passthrough), passthrough);
});
