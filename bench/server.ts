// The production build served by Beacon's own server (scripts/start.ts, as `npm start` runs it) on a fresh
// SQLite database in a temp folder (or DATABASE_URL when it names PostgreSQL), for the benchmarks.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

export interface BenchServer {
  base: string;
  /** Everything the server printed so far (stdout, and stderr unless it goes to the terminal). */
  output(): string;
  stop(): void;
}

export async function startBenchServer(options: {
  port: number;
  admin: { email: string; password: string };
  /** Keep stderr in output() (to look for logged errors) instead of passing it to the terminal. */
  captureStderr?: boolean;
  /** Use DATABASE_URL from the environment when it is set. */
  databaseFromEnv?: boolean;
}): Promise<BenchServer> {
  const base = `http://127.0.0.1:${options.port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "beacon-bench-"));
  const databaseUrl = (options.databaseFromEnv && process.env.DATABASE_URL) || `file:${path.join(dataDir, "beacon.db")}`;
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      BEACON_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      BEACON_ADMIN_EMAIL: options.admin.email,
      BEACON_ADMIN_PASSWORD: options.admin.password,
      NEXTAUTH_URL: base,
    },
    stdio: ["ignore", "pipe", options.captureStderr ? "pipe" : "inherit"],
  });
  let output = "";
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  const stop = () => {
    server.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/v1/`)).ok) return { base, output: () => output, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error(`server did not start:\n${output}`);
}
