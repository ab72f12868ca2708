// `npm start` (compiled to dist/start.mjs by scripts/build.mjs; scripts/start.mjs builds first when
// needed): first-run setup, then Beacon served through its own server until SIGTERM or SIGINT, which
// drain it (server.ts). Run from source (`node --import tsx scripts/start.ts`) it builds the app when needed.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { appBuildIsStale } from "./build-state.mjs";
import { defaultNextAuthUrl, shutdownDrainMs } from "../lib/config.ts";

process.env.NEXT_TELEMETRY_DISABLED = "1";
(process.env as Record<string, string>).NODE_ENV = "production";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || undefined;
defaultNextAuthUrl(port);

if (appBuildIsStale(root)) {
  console.log("Building Beacon (first start or changed sources)…");
  const build = spawnSync(process.execPath, [path.join(root, "scripts/build.mjs")], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { runSetup } = await import("../lib/setup.ts");
const { databaseKind, databaseUrl } = await import("../lib/config.ts");
const setup = await runSetup({ log: (line) => console.log(line) });

const { startServer } = await import("../server.ts");
const server = await startServer({ port, hostname, dir: root });

console.log("");
console.log(`Beacon is running at ${server.url}  (database: ${databaseKind()}${databaseKind() === "sqlite" ? ` ${databaseUrl()}` : ""})`);
console.log(`  Admin sign-in:  ${setup.adminEmail}`);
if (setup.adminPassword) console.log(`  Admin password: ${setup.adminPassword}   (shown once: keep it safe)`);
if (setup.adminToken) console.log(`  Admin API token: ${setup.adminToken}   (shown once: keep it safe)`);
if (!setup.firstRun) console.log("  (Setup had already run: lost the secrets? `npm run beacon -- reset-password EMAIL` / `create-token EMAIL`.)");
console.log("");

// The first signal drains (server.ts: finish in-flight requests, run the shutdown hooks, close the
// pools); a second one while draining stops at once.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) {
      console.log(`Beacon: ${signal} again, stopping now.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`Beacon: ${signal}, draining (at most ${shutdownDrainMs()} ms)…`);
    server
      .close()
      .then(
        (cut) => console.log(cut ? `Beacon stopped (${cut} request(s) cut).` : "Beacon stopped."),
        (err: Error) => console.error(`Beacon: shutdown failed: ${err.message}`),
      )
      .finally(() => process.exit(0));
  });
}
