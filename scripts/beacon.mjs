// `npm run beacon -- <command>` (and `npm run db:migrate`): the compiled CLI (dist/beacon.mjs, from
// scripts/beacon.ts), compiled first when missing or older than its sources (esbuild only, about a second).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serverBuildIsStale } from "./build-state.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (serverBuildIsStale(root)) {
  const build = spawnSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--server-only"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import("../dist/beacon.mjs");
