// Whether the production build is older than the sources it was built from. Two parts, each with its
// own marker: Next's build of the app (.next/BUILD_ID) and the compiled server and command-line scripts
// (dist/BUILD_ID, written by scripts/build.mjs after esbuild), so that `npm start` and
// `npm run beacon` never run TypeScript at run time. Plain JavaScript: the launchers read it before
// anything is compiled.
import fs from "node:fs";
import path from "node:path";

/** What Next's build reads. */
export const APP_SOURCES = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package.json", "postcss.config.mjs", "tsconfig.json", "prisma"];
/** What the compiled server and scripts (dist/) are bundled from. */
export const SERVER_SOURCES = ["server.ts", "lib", "scripts/start.ts", "scripts/beacon.ts", "scripts/build.mjs", "scripts/build-state.mjs", "package.json", "prisma"];
const SKIP = new Set(["node_modules", ".next", "generated", "dist"]);

/** @param {string} entry */
function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) {
    if (SKIP.has(name)) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** @param {string} marker @param {string} root @param {string[]} sources */
function stale(marker, root, sources) {
  if (!fs.existsSync(marker)) return true;
  const built = fs.statSync(marker).mtimeMs;
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}

/** Next's build of the app is missing or older than its sources. @param {string} root */
export function appBuildIsStale(root) {
  return stale(path.join(root, ".next", "BUILD_ID"), root, APP_SOURCES);
}

/** The compiled server and scripts (dist/) are missing or older than their sources. @param {string} root */
export function serverBuildIsStale(root) {
  return stale(path.join(root, "dist", "BUILD_ID"), root, SERVER_SOURCES);
}

/** Either part of the production build is missing or stale. @param {string} root */
export function buildIsStale(root) {
  return appBuildIsStale(root) || serverBuildIsStale(root);
}
