// The team screen offers a person only people's roles the signed-in manager may assign (never Public).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ALL_PERMISSIONS, type Permission } from "../../lib/auth/permissions.ts";
import { assignRefusal, peopleRoles } from "../../lib/client/roles.ts";

const role = (id: number, name: string, permissions: Permission[], builtin = true) => ({ id, name, builtin, permissions });
const ROLES = [
  role(1, "Admin", ALL_PERMISSIONS),
  role(2, "Editor", ["components:read", "components:write", "tokens:read", "tokens:write"]),
  role(3, "Viewer", ["components:read", "tokens:read", "tokens:write"]),
  role(4, "Public", ["components:read"]),
  role(5, "Anonymous readers", ["components:read"], false),
  role(6, "Team lead", ["users:read", "users:write", "components:read", "tokens:read", "tokens:write"], false),
];
const names = (list: { name: string }[]) => list.map((r) => r.name);

test("an Admin is offered every people's role, never Public nor the current public API role", () => {
  assert.deepEqual(names(peopleRoles(ROLES, { role: "Admin", permissions: ALL_PERMISSIONS }, 5)), ["Admin", "Editor", "Viewer", "Team lead"]);
  assert.deepEqual(names(peopleRoles(ROLES, { role: "Admin", permissions: ALL_PERMISSIONS }, null)), ["Admin", "Editor", "Viewer", "Anonymous readers", "Team lead"]);
});

test("a manager who is not an Admin is offered only roles within their own permissions", () => {
  const lead = { role: "Team lead", permissions: ROLES[5].permissions };
  assert.deepEqual(names(peopleRoles(ROLES, lead, 4)), ["Viewer", "Anonymous readers", "Team lead"]);
  assert.equal(assignRefusal(lead, ROLES[0]), "Only Admins may assign the Admin role.");
  assert.equal(assignRefusal(lead, ROLES[1]), "needs components:write");
  assert.equal(assignRefusal(lead, ROLES[2]), null);
});

test("the member's current role stays in the list, so the picker shows it", () => {
  assert.deepEqual(names(peopleRoles(ROLES, { role: "Admin", permissions: ALL_PERMISSIONS }, null, 4)), ["Admin", "Editor", "Viewer", "Public", "Anonymous readers", "Team lead"]);
});
