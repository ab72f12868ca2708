// "Admin" (API.md §3: who holds users:write) and the read-only-token rule are each written once, in
// lib/auth/permissions.ts, and every rule that depends on them asks there.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { effectivePermissions, isAdmin, isReadOnlyToken, type Permission } from "../../lib/auth/permissions.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

test("isAdmin: holding users:write, from a principal's set or a page user's list", () => {
  assert.equal(isAdmin({ permissions: new Set<Permission>(["users:read", "users:write"]) }), true);
  assert.equal(isAdmin({ permissions: ["users:write"] as Permission[] }), true);
  assert.equal(isAdmin({ permissions: new Set<Permission>(["users:read", "tokens:write"]) }), false);
  assert.equal(isAdmin(null), false);
  // An admin's read-only token is no admin: its permissions lost users:write.
  const readOnly = effectivePermissions(["users:read", "users:write"], { scopes: [], writeEnabled: false });
  assert.equal(isAdmin({ permissions: readOnly }), false);
});

test("isReadOnlyToken: a token without write access; no token (Basic, session) is not one", () => {
  assert.equal(isReadOnlyToken({ writeEnabled: false }), true);
  assert.equal(isReadOnlyToken({ writeEnabled: true }), false);
  assert.equal(isReadOnlyToken(null), false);
});

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return rel === "lib/generated" ? [] : sources(rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

test("no module but lib/auth/permissions.ts decides who is an admin or what a read-only token may do", () => {
  const files = ["lib", "app", "components"].flatMap(sources).filter((f) => f !== "lib/auth/permissions.ts");
  const offenders = files.filter((f) => {
    const text = fs.readFileSync(path.join(ROOT, f), "utf8");
    return /(has|includes)\(\s*"users:write"\s*\)/.test(text) || /!\s*[\w.?]*token\??\.writeEnabled/.test(text);
  });
  assert.deepEqual(offenders, []);
});
