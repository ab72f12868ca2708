// Beacon's production server in its own process, as `npm start` runs it (the compiled dist/start.mjs,
// no tsx), on an ephemeral port: for the tests of graceful shutdown and of several instances.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIsStale } from "../../scripts/build-state.mjs";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** The Node flags `npm start` runs with (package.json: `node <flags> scripts/start.mjs`). */
export function startFlags(): string[] {
  const script = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
  const m = /^node((?:\s+--\S+)*)\s+scripts\/start\.mjs$/.exec(script.trim());
  if (!m) throw new Error(`unexpected start script: ${script}`);
  return m[1].trim().split(/\s+/).filter(Boolean);
}

/** Builds the app and the compiled server when either is missing or older than its sources. */
export function ensureBuilt(): void {
  if (!buildIsStale(ROOT)) return;
  const build = spawnSync(process.execPath, [path.join(ROOT, "scripts/build.mjs")], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error(`the build failed (exit ${build.status})`);
}

export interface ProductionServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything it printed (stdout and stderr). */
  output(): string;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node dist/start.mjs` on port 0 with `env` on top of a clean environment of its own data directory. */
export async function startProductionServer(env: Record<string, string>): Promise<ProductionServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "beacon-prod-"));
  const child = spawn(process.execPath, [...startFlags(), path.join(ROOT, "dist/start.mjs")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? os.tmpdir(),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: "0",
      HOST: "127.0.0.1",
      BEACON_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "beacon.db")}`,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const cleanup = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output}`)), 120_000);
    const look = () => {
      // The block start.ts prints when ready ends with an empty line (after the first-run secrets).
      const m = /Beacon is running at (http:\/\/[^\s]+)[^]*?\n\n/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on("data", look);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    process: child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      cleanup();
      return code;
    },
  };
}
