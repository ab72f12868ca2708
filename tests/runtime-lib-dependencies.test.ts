// What lib/ and the test tooling may depend on: lib/ is what the running app loads, so it uses only
// runtime dependencies (the migration author and its Wasm engine live in scripts/); test defaults live once.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_TEST_DATABASE_URL, DEFAULT_TEST_REDIS_URL } from "../scripts/test-services.ts";

const root = path.resolve(import.meta.dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

const packageOf = (specifier: string) =>
  specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];

/** Packages a file loads at run time: static value imports, re-exports and dynamic import(). */
function loadedPackages(source: string): string[] {
  const found: string[] = [];
  const statics = /^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+"([^".][^"]*)"/gm;
  const dynamics = /import\(\s*"([^".][^"]*)"\s*\)/g;
  for (const m of source.matchAll(statics)) found.push(packageOf(m[1]));
  for (const m of source.matchAll(dynamics)) found.push(packageOf(m[1]));
  return found.filter((name) => !name.startsWith("node:"));
}

test("lib/ loads no development-only package at run time", () => {
  const devOnly = new Set(Object.keys(pkg.devDependencies).filter((name) => !(name in pkg.dependencies)));
  const offending = sources(path.join(root, "lib")).flatMap((file) =>
    loadedPackages(fs.readFileSync(file, "utf8"))
      .filter((name) => devOnly.has(name))
      .map((name) => `${path.relative(root, file)} loads ${name}`),
  );
  assert.deepEqual(offending, []);
});

test("the default test database and Redis URLs are written in one source file", () => {
  const files = ["lib", "scripts", "tests", "e2e", "bench"].flatMap((dir) => sources(path.join(root, dir)));
  files.push(...fs.readdirSync(path.join(root, "scripts")).filter((f) => f.endsWith(".mjs")).map((f) => path.join(root, "scripts", f)));
  for (const literal of [DEFAULT_TEST_DATABASE_URL, DEFAULT_TEST_REDIS_URL]) {
    const holders = files.filter((file) => fs.readFileSync(file, "utf8").includes(literal)).map((file) => path.relative(root, file));
    assert.deepEqual(holders, ["scripts/test-services.ts"], literal);
  }
});
