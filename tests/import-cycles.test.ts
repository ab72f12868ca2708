// Layers without cycles (STYLE.md: route → lib/api → lib/auth → lib/<domain> → lib/db): the modules of
// lib/ (each folder, and each file at its top) import each other without any cycle, and no domain module
// reaches up into the HTTP layer. The graph is read from the sources with TypeScript's own pre-processor,
// `import type` included: a type is a dependency too.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(import.meta.dirname, "..");
const LIB = path.join(ROOT, "lib");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The module a file of lib/ belongs to: its folder under lib/, or its own name for a top-level file. */
function moduleOf(file: string): string | null {
  const rel = path.relative(LIB, file);
  if (rel.startsWith("..")) return null;
  const [first, ...rest] = rel.split(path.sep);
  return rest.length ? first : first.replace(/\.tsx?$/, "");
}

function resolveImport(from: string, specifier: string): string | null {
  let target: string;
  if (specifier.startsWith("@/")) target = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) target = path.resolve(path.dirname(from), specifier);
  else return null; // a package
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`, path.join(target, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** module → the modules it imports, each with one file-level import that proves it. */
function moduleGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(LIB)) {
    const from = moduleOf(file)!;
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      const target = resolveImport(file, fileName);
      const to = target && moduleOf(target);
      if (to && to !== from && !edges.has(to)) edges.set(to, `${path.relative(ROOT, file)} → ${path.relative(ROOT, target!)}`);
    }
  }
  return graph;
}

/** Strongly connected components with more than one module (Tarjan): each is a cycle. */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

test("the modules of lib/ import each other without cycles", () => {
  const graph = moduleGraph();
  assert.ok(graph.size > 15 && graph.get("api")?.has("auth"), "the graph was read (sanity check of this test)");
  const report = cycles(graph).map((component) => {
    const members = new Set(component);
    const edges = component.flatMap((m) => [...(graph.get(m) ?? [])].filter(([to]) => members.has(to)).map(([to, why]) => `    ${m} → ${to}: ${why}`));
    return `  ${component.join(" ↔ ")}\n${edges.join("\n")}`;
  });
  assert.deepEqual(report, [], `import cycles between lib/ modules:\n${report.join("\n")}`);
});

test("the cycle finder finds a cycle (sanity check of this test)", () => {
  const graph = new Map([
    ["a", new Map([["b", "a → b"]])],
    ["b", new Map([["c", "b → c"]])],
    ["c", new Map([["a", "c → a"]])],
    ["d", new Map([["a", "d → a"]])],
  ]);
  assert.deepEqual(cycles(graph), [["a", "b", "c"]]);
});

// The HTTP layer and what sits on it (the operation registry, GraphQL, the OpenAPI document) may use lib/api.
const ABOVE_HTTP = new Set(["api", "operations", "routes", "graphql", "openapi"]);

test("no domain module imports the HTTP layer (lib/api)", () => {
  const offenders = [...moduleGraph()].filter(([from, edges]) => !ABOVE_HTTP.has(from) && edges.has("api")).map(([_from, edges]) => edges.get("api")!);
  assert.deepEqual(offenders, []);
});
