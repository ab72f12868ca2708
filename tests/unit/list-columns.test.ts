// The list columns (a role's permissions, a token's scopes and allowed IPs) are JSON text in the
// database; one codec per kind of list reads and writes them, the same text for rows old and new.
import { test } from "node:test";
import assert from "node:assert/strict";
import { permissionListColumn } from "../../lib/auth/permissions.ts";
import { DECODED_TEXTS_KEPT, stringListColumn } from "../../lib/lists.ts";

test("a written list reads back as it was, in its order, stored as the JSON text existing rows hold", () => {
  const scopes = ["tokens:read", "components:write", "components:read"] as const;
  assert.equal(permissionListColumn.encode([...scopes]), JSON.stringify(scopes));
  assert.deepEqual(permissionListColumn.decode(permissionListColumn.encode([...scopes])), scopes);
  const ips = ["10.0.0.0/8", "2001:db8::/32", "127.0.0.1"];
  assert.equal(stringListColumn.encode(ips), JSON.stringify(ips));
  assert.deepEqual(stringListColumn.decode(stringListColumn.encode(ips)), ips);
  assert.deepEqual([permissionListColumn.encode([]), stringListColumn.encode([])], ["[]", "[]"]);
});

test("what is not a list of the kind reads as the empty list, and unknown entries are dropped", () => {
  for (const stored of [null, undefined, "", "not json", "{}", '{"a":1}', "42", '"components:read"', "null"]) {
    assert.deepEqual(permissionListColumn.decode(stored), [], String(stored));
    assert.deepEqual(stringListColumn.decode(stored), [], String(stored));
  }
  assert.deepEqual(permissionListColumn.decode('["components:read", "nope:read", 7, null, "users:write"]'), ["components:read", "users:write"]);
  assert.deepEqual(stringListColumn.decode('["10.0.0.1", 7, null, {"x":1}, "::1"]'), ["10.0.0.1", "::1"]);
});

test("a write never stores what a read would drop", () => {
  assert.throws(() => permissionListColumn.encode(["components:read", "nope:read"] as never), /nope:read/);
  assert.throws(() => stringListColumn.encode(["10.0.0.1", 7] as never), /7/);
});

test("a stored text is parsed once: the same frozen list comes back, and a caller cannot change it for others", () => {
  const stored = permissionListColumn.encode(["components:read", "incidents:write"]);
  const first = permissionListColumn.decode(stored);
  assert.equal(permissionListColumn.decode(stored), first, "one parse per distinct text");
  assert.equal(permissionListColumn.decode(JSON.parse(JSON.stringify(stored))), first, "equal texts share the parse");
  assert.ok(Object.isFrozen(first));
  assert.throws(() => (first as string[]).push("users:write"), TypeError);
  assert.deepEqual(permissionListColumn.decode(stored), ["components:read", "incidents:write"]);
});

test("the parsed texts kept are bounded: the oldest is parsed anew", () => {
  const first = stringListColumn.decode('["192.0.2.1"]');
  for (let i = 0; i < DECODED_TEXTS_KEPT; i++) stringListColumn.decode(JSON.stringify([`10.0.${i >> 8}.${i & 255}`]));
  const again = stringListColumn.decode('["192.0.2.1"]');
  assert.notEqual(again, first);
  assert.deepEqual(again, first);
});
