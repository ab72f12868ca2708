// A second Beacon instance in its own process, for tests of what instances share (Redis throttling): it
// uses the parent's database, secrets and REDIS_URL/REDIS_KEY_PREFIX from its environment, runs the real
// route handlers, and tries passwords when told to. Protocol: one JSON object per line on stdin; answers
// are stdout lines starting with "@@".
//   {"path":"basic","emails":["a@x"],"password":"p","ip":"1.2.3.4","n":20} → @@{"tally":{"refused":..}}
import readline from "node:readline";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import type { PasswordPath } from "./password-paths.ts";

export interface Batch {
  path: PasswordPath;
  emails: string[];
  password: string;
  ip: string;
  n: number;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const send = (value: unknown) => process.stdout.write(`@@${JSON.stringify(value)}\n`);

async function serve(): Promise<void> {
  const { markBeaconServer } = await import("../../lib/net.ts");
  markBeaconServer();
  const { tryInParallel, tryPassword } = await import("./password-paths.ts");
  const { db, disconnectDb } = await import("../../lib/db.ts");
  const { closeThrottles } = await import("../../lib/auth/throttle.ts");
  await db.user.count();
  // Load every route and provider now, so that the batches start at once when asked.
  await Promise.all((["basic", "provision", "sign_in"] as const).map((p) => tryPassword(p, "", "", "192.0.2.250")));
  send({ ready: true });
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const batch = JSON.parse(line) as Batch | { quit: true };
    if ("quit" in batch) break;
    send({ tally: await tryInParallel(batch.path, (i) => batch.emails[i % batch.emails.length], batch.password, batch.ip, batch.n) });
  }
  await closeThrottles();
  await disconnectDb();
  process.exit(0); // stdin stays open in the parent's hands
}

export interface SecondInstance {
  /** Starts a batch in the other process; resolves with its tally once done. */
  run(batch: Batch): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** Starts the other process with this process's database, secrets and Redis settings. */
export async function startSecondInstance(): Promise<SecondInstance> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/helpers/second-instance.ts")], {
    cwd: ROOT,
    env: { ...process.env, BEACON_SECOND_INSTANCE: "1" },
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const waiting: ((value: Record<string, unknown>) => void)[] = [];
  const failed = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`second instance exited (${code}): ${stderr}`))));
  failed.catch(() => {});
  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    if (line.startsWith("@@")) waiting.shift()?.(JSON.parse(line.slice(2)));
  });
  const next = () => Promise.race([new Promise<Record<string, unknown>>((resolve) => waiting.push(resolve)), failed]);
  await next();
  return {
    run: async (batch) => {
      const answer = next();
      child.stdin.write(`${JSON.stringify(batch)}\n`);
      return (await answer).tally as Record<string, number>;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin.write(`${JSON.stringify({ quit: true })}\n`);
      await exited;
    },
  };
}

if (process.env.BEACON_SECOND_INSTANCE === "1") await serve();
