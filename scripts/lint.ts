// The lint step of `npm test` (and `npm run lint`): ESLint over the whole tree with eslint.config.mjs.
// A file with any error or warning counts as one failure, every clean file as one pass.
import path from "node:path";
import { ESLint } from "eslint";

export interface LintCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export function lintCounts(results: ESLint.LintResult[]): LintCounts {
  const failed = results.filter((r) => r.errorCount + r.warningCount > 0).length;
  return { passed: results.length - failed, failed, skipped: 0 };
}

export function createLinter(root: string): ESLint {
  return new ESLint({ cwd: root, cache: true, cacheLocation: path.join(root, "node_modules/.cache/eslint/") });
}

/** Lints the tree, prints ESLint's usual report and returns the counts. */
export async function lintTree(root: string): Promise<LintCounts> {
  const linter = createLinter(root);
  const results = await linter.lintFiles(["."]);
  const report = await (await linter.loadFormatter("stylish")).format(results);
  if (report) console.log(report);
  return lintCounts(results);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const counts = await lintTree(path.resolve(import.meta.dirname, ".."));
  console.log(`lint: ${counts.passed} files clean, ${counts.failed} with problems`);
  process.exit(counts.failed > 0 ? 1 : 0);
}
