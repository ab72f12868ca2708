// `npm start`: builds when the app or the compiled server is missing or older than its sources, then
// runs the compiled server (dist/start.mjs, from scripts/start.ts). Plain JavaScript, so that no
// TypeScript is compiled at run time.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIsStale } from "./build-state.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (buildIsStale(root)) {
  console.log("Building Beacon (first start or changed sources)…");
  const build = spawnSync(process.execPath, [path.join(root, "scripts/build.mjs")], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import("../dist/start.mjs");
