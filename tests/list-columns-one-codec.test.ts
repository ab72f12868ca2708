// The list columns are parsed and written in exactly one place: the codecs (lib/lists.ts and
// lib/auth/permissions.ts). No other module of lib/ calls JSON.parse or JSON.stringify on a role's
// permissions or a token's scopes or allowed IPs, nor keeps a parser of its own for them.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const CODECS = new Set(["lib/lists.ts"]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const COLUMN = /\b(permissions|scopes|allowedIps)\b/;

test("no module of lib/ but the codecs JSON-parses or JSON-stringifies a list column", () => {
  const found: string[] = [];
  for (const file of sources(path.join(ROOT, "lib"))) {
    const rel = path.relative(ROOT, file);
    if (CODECS.has(rel)) continue;
    fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
      if (/JSON\.(parse|stringify)\(/.test(line) && COLUMN.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      if (/\b(parsePermissionList|parseStringList)\b/.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(found, []);
});
