// The production build served by Beacon's own server (compiled, started exactly as `npm start` starts it) on a fresh
// SQLite database in a temp folder (or DATABASE_URL when it names PostgreSQL), for the benchmarks.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

export interface BenchServer {
  base: string;
  /** The server process (its children, if any, are its descendants). */
  pid: number;
  /** Everything the server printed so far (stdout, and stderr unless it goes to the terminal). */
  output(): string;
  /** Stops the server (SIGTERM: it closes and exits, writing a CPU profile if asked) and removes its data. */
  stop(): Promise<void>;
}

export async function startBenchServer(options: {
  port: number;
  admin: { email: string; password: string };
  /** Keep stderr in output() (to look for logged errors) instead of passing it to the terminal. */
  captureStderr?: boolean;
  /** Use DATABASE_URL from the environment when it is set. */
  databaseFromEnv?: boolean;
  /** Extra options for the server's node (`--cpu-prof`). */
  nodeArgs?: string[];
}): Promise<BenchServer> {
  const base = `http://127.0.0.1:${options.port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "beacon-bench-"));
  const databaseUrl = (options.databaseFromEnv && process.env.DATABASE_URL) || `file:${path.join(dataDir, "beacon.db")}`;
  // `npm start`'s own command line (package.json): the compiled server with its node flags.
  const [, ...startArgs] = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.start as string).split(/\s+/);
  const server = spawn(process.execPath, [...(options.nodeArgs ?? []), ...startArgs], {
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
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      const timer = setTimeout(() => server.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 600 && server.exitCode === null; i++) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return { base, pid: server.pid!, output: () => output, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`server did not start:\n${output}`);
}
