// The linter that `npm test` runs first: the project's config catches real mistakes, a file with a
// problem counts as a failure, and the tree itself is clean.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { createLinter, lintCounts } from "../scripts/lint.ts";

const root = path.resolve(import.meta.dirname, "..");

test("the lint config flags a hook called conditionally and an unused import, and counts the file as failed", async () => {
  const source = [
    'import { useState } from "react";',
    'import { unused } from "node:path";',
    "export function Broken({ on }: { on: boolean }) {",
    "  if (on) useState(0);",
    "  return null;",
    "}",
    "",
  ].join("\n");
  const results = await createLinter(root).lintText(source, { filePath: path.join(root, "components/LintProbe.tsx") });
  const rules = results.flatMap((r) => r.messages.map((m) => m.ruleId));
  assert.ok(rules.includes("react-hooks/rules-of-hooks"), rules.join(", "));
  assert.ok(rules.includes("@typescript-eslint/no-unused-vars"), rules.join(", "));
  assert.deepEqual(lintCounts(results), { passed: 0, failed: 1, skipped: 0 });
});

test("a clean file counts as passed; an underscore marks a deliberately unused binding", async () => {
  const source = 'export function pick(row: { secret: string; id: number }) {\n  const { secret: _omit, ...rest } = row;\n  return rest;\n}\n';
  const results = await createLinter(root).lintText(source, { filePath: path.join(root, "lib/lint-probe.ts") });
  assert.deepEqual(results.flatMap((r) => r.messages), []);
  assert.deepEqual(lintCounts(results), { passed: 1, failed: 0, skipped: 0 });
});
