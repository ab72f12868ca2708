// One resource() call declares the standard operations the way every hand-written declaration did: names,
// summaries, paths, permissions from the method, path ids handed to the domain in order, PUT's defaults,
// per-operation overrides, and `false` to leave one out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { body, type HandlerContext } from "../../lib/api/operation.ts";
import type { Principal } from "../../lib/auth/principal.ts";
import { resource } from "../../lib/operations/resource.ts";

const WidgetInput = z.strictObject({ name: z.string(), size: z.number().optional() });
const WidgetPatch = WidgetInput.partial();
const schemas = { out: z.object({ id: z.number() }), filters: z.object({ q: z.string().optional() }), input: body({ WidgetInput }), patch: body({ WidgetPatch }) };
const principal = { user: null } as unknown as Principal;
const ctx = (params: Record<string, string>, bodyValue?: unknown) => ({ principal, params, body: bodyValue, query: {} }) as unknown as HandlerContext;

function recorder() {
  const calls: unknown[][] = [];
  const record = (name: string) => async (...args: unknown[]) => {
    calls.push([name, ...args]);
    return { id: 1 };
  };
  const domain = { list: async (...args: unknown[]) => (calls.push(["list", ...args]), { count: 0, results: [] }), create: record("create"), get: record("get"), update: record("update"), remove: record("remove") };
  return { calls, domain };
}

test("the standard operations are named, summarised, routed and permissioned from the resource", () => {
  const { domain } = recorder();
  const ops = resource({ tag: "Components", resource: "components", path: "/api/v1/widgets", name: "Widget", noun: "a widget" }, schemas, domain);
  assert.deepEqual(
    Object.entries(ops).map(([action, op]) => [action, op.method, op.path, op.operationId, op.summary, op.permission, op.paginated]),
    [
      ["list", "GET", "/api/v1/widgets", "listWidgets", "List widgets", "components:read", true],
      ["create", "POST", "/api/v1/widgets", "createWidget", "Create a widget", "components:write", false],
      ["get", "GET", "/api/v1/widgets/{id}", "getWidget", "Read a widget", "components:read", false],
      ["replace", "PUT", "/api/v1/widgets/{id}", "replaceWidget", "Replace a widget", "components:write", false],
      ["update", "PATCH", "/api/v1/widgets/{id}", "updateWidget", "Change some fields of a widget", "components:write", false],
      ["delete", "DELETE", "/api/v1/widgets/{id}", "deleteWidget", "Delete a widget", "components:write", false],
    ],
  );
  assert.equal(ops.create.body?.name, "WidgetInput");
  assert.equal(ops.update.body?.name, "WidgetPatch");
  assert.deepEqual(ops.delete.responses, { 204: null });
});

test("parents' ids and the object's id reach the domain in path order; PUT fills in the defaults", async () => {
  const { calls, domain } = recorder();
  const ops = resource(
    { tag: "Components", resource: "components", path: "/api/v1/boxes/{id}/widgets", idParam: "widget_id", name: "Widget", noun: "a widget" },
    { ...schemas, defaults: { size: 3 } },
    domain,
  );
  assert.equal(ops.get.path, "/api/v1/boxes/{id}/widgets/{widget_id}");
  const page = { limit: 50, offset: 0 };
  await ops.list.list!({ ...ctx({ id: "7" }), page });
  await ops.create.run!(ctx({ id: "7" }, { name: "a" }));
  await ops.get.run!(ctx({ id: "7", widget_id: "9" }));
  await ops.replace.run!(ctx({ id: "7", widget_id: "9" }, { name: "b" }));
  await ops.update.run!(ctx({ id: "7", widget_id: "9" }, { name: "c" }));
  const removed = await ops.delete.run!(ctx({ id: "7", widget_id: "9" }));
  assert.deepEqual(calls, [
    ["list", principal, 7, {}, page],
    ["create", principal, 7, { name: "a" }],
    ["get", principal, 7, 9],
    ["update", principal, 7, 9, { size: 3, name: "b" }],
    ["update", principal, 7, 9, { name: "c" }],
    ["remove", principal, 7, 9],
  ]);
  assert.deepEqual(removed, { status: 204, body: null });
  await assert.rejects(ops.get.run!(ctx({ id: "7", widget_id: "x" })), { status: 404 });
});

test("an override changes only what it names; false leaves the operation out", () => {
  const { domain } = recorder();
  const ops = resource({ tag: "Components", resource: "components", path: "/api/v1/widgets", name: "Widget", noun: "a widget" }, schemas, domain, {
    create: { summary: "Add a widget", description: "Shown once." },
    replace: false,
  });
  assert.deepEqual(Object.keys(ops), ["list", "create", "get", "update", "delete"]);
  assert.equal(ops.create.summary, "Add a widget");
  assert.equal(ops.create.description, "Shown once.");
  assert.equal(ops.create.operationId, "createWidget");
  assert.equal("description" in ops.get, false);
});
