// Code that runs in the browser ("use client" components and lib/client) must not reach a Node
// built-in through its imports: the production build fails on one (e.g. node:net via a zod schema).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const builtins = new Set(builtinModules);

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return walk(file);
    return /\.tsx?$/.test(e.name) ? [file] : [];
  });
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Value imports only: `import type` and `export type` vanish from the bundle. */
function imports(source: string): string[] {
  const pattern = /^\s*(?:import|export)\s+(?!type\b)(?:[^;]*?\s+from\s+)?"([^"]+)"/gm;
  return [...source.matchAll(pattern)].map((m) => m[1]);
}

test("no browser code imports a Node built-in, directly or through lib/", () => {
  const entries = [...walk(path.join(root, "app")), ...walk(path.join(root, "components")), ...walk(path.join(root, "lib/client"))].filter(
    (file) => file.includes(`${path.sep}lib${path.sep}client${path.sep}`) || /^\s*["']use client["']/.test(fs.readFileSync(file, "utf8")),
  );
  assert.ok(entries.length > 10, "the client entries were found");
  const offending: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, trail: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of imports(fs.readFileSync(file, "utf8"))) {
      const chain = [...trail, path.relative(root, file)];
      if (specifier.startsWith("node:") || builtins.has(specifier.split("/")[0])) offending.push(`${chain.join(" → ")} → ${specifier}`);
      else if (specifier.startsWith(".") || specifier.startsWith("@/")) {
        const target = resolveLocal(file, specifier);
        if (target) visit(target, chain);
      }
    }
  };
  for (const entry of entries) visit(entry, []);
  assert.deepEqual(offending, []);
});
