// Two list operations of the same objects (a collection and a filtered sub-collection) share one named
// envelope in the OpenAPI document, so declaring a second one is just another declaration.
import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { named, operation } from "../../lib/api/operation.ts";
import { buildOpenApiDocument } from "../../lib/openapi/index.ts";
import { list } from "../../lib/operations/shared.ts";

test("the same item listed by two operations is one <Item>List schema", () => {
  const Thing = named("EnvelopeTestThing", z.object({ id: z.number().int() }));
  const lister = (path: string, operationId: string) =>
    operation({ method: "GET", path, operationId, tag: "Components", summary: operationId, responses: { 200: list(Thing) }, list: async () => ({ count: 0, results: [] }) });
  const doc = buildOpenApiDocument([lister("/api/v1/things", "listThings"), lister("/api/v1/components/{id}/things", "listComponentThings")]);
  assert.ok(doc.components.schemas.EnvelopeTestThingList);
  assert.ok(doc.components.schemas.EnvelopeTestThing);
});
