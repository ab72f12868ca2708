// API fields to columns in one place: snake_case to camelCase, fields left out stay out (PATCH), null is
// kept (it clears a column), and searchable text fields get their lower-cased twin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { timestamps, toColumns } from "../../lib/domain/fields.ts";

test("toColumns: camelCase columns, undefined left out, null kept, lower-cased twins of the named fields", () => {
  assert.deepEqual(toColumns({ name: "API Gateway", group_id: null, component_status: 3, description: undefined }, ["name"]), {
    name: "API Gateway",
    nameLower: "api gateway",
    groupId: null,
    componentStatus: 3,
  });
  assert.deepEqual(toColumns({ description: "x" }, ["name" as never]), { description: "x" });
  assert.deepEqual(toColumns({}), {});
});

test("timestamps: ISO-8601 UTC, created_at then updated_at", () => {
  const out = timestamps({ createdAt: new Date(Date.UTC(2026, 10, 22, 10)), updatedAt: new Date(Date.UTC(2026, 10, 22, 11, 30)) });
  assert.deepEqual(Object.entries(out), [["created_at", "2026-11-22T10:00:00.000Z"], ["updated_at", "2026-11-22T11:30:00.000Z"]]);
});
