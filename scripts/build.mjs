// `npm run build`: the production build, offline. Two parts:
// 1. Next's build of the app (.next/);
// 2. the server (server.ts), `npm start`'s script (scripts/start.ts) and the `beacon` CLI with the
//    migration runner (scripts/beacon.ts), compiled by esbuild into dist/ (packages stay in
//    node_modules), so that production never compiles TypeScript at run time.
// `--server-only` runs only the second part (what the CLI needs; about a second).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const serverOnly = process.argv.includes("--server-only");

if (!serverOnly) {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await compileServer();

/** esbuild: one ESM bundle per entry, shared code split into chunks loaded on demand (one database client only). */
async function compileServer() {
  const { build } = await import("esbuild");
  const outdir = path.join(root, "dist");
  // Not emptied first: a running server may still load its own (hash-named) chunks on demand.
  await build({
    absWorkingDir: root,
    entryPoints: { start: "scripts/start.ts", beacon: "scripts/beacon.ts" },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: "linked",
    logLevel: "warning",
  });
  fs.writeFileSync(path.join(outdir, "package.json"), '{ "type": "module" }\n');
  // Written last: its time is what build-state.mjs compares the sources with.
  fs.writeFileSync(path.join(outdir, "BUILD_ID"), `${new Date().toISOString()}\n`);
}
