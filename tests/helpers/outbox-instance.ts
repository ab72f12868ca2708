// Another Beacon process for outbox tests: it runs the same outbox worker that server.ts starts in every
// instance, on the parent's database (DATABASE_URL and the secrets come from the environment), and makes
// changes through the domain when told to. Protocol: one JSON object per line on stdin, answers are
// stdout lines starting with "@@".
//   {"start": {pollMs, leaseMs, …}} → @@{"started":true}
//   {"incident": "name", "token": "bcn_…"} → @@{"id": 12, …, "http_status": 201}   (POST /api/v1/incidents through the real route handler)
//   {"quit": true} → stops the worker and exits
import readline from "node:readline";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const send = (value: unknown) => process.stdout.write(`@@${JSON.stringify(value)}\n`);

async function serve(): Promise<void> {
  const { startNotifications } = await import("../../lib/notifications/index.ts");
  const { markBeaconServer } = await import("../../lib/net.ts");
  markBeaconServer();
  const incidents = await import("../../app/api/v1/incidents/route.ts");
  const { disconnectDb } = await import("../../lib/db.ts");
  let worker: { stop(): Promise<void> } | null = null;
  send({ ready: true });
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as { start?: Record<string, number>; incident?: string; token?: string; quit?: true };
    if (command.start) {
      worker = startNotifications({ config: command.start, log: (l) => process.stderr.write(`${l}\n`) });
      send({ started: true });
    } else if (command.incident) {
      const req = new Request("http://beacon.test/api/v1/incidents", {
        method: "POST",
        headers: { host: "beacon.test", "x-beacon-client-ip": "192.0.2.10", authorization: `Token ${command.token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: command.incident }),
      });
      const res = await incidents.POST(req, { params: Promise.resolve({}) });
      send({ ...((await res.json()) as object), http_status: res.status });
    } else if (command.quit) break;
  }
  await worker?.stop();
  await disconnectDb();
  process.exit(0);
}

export interface OutboxInstance {
  pid: number;
  ask(command: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** SIGKILL: no clean-up of any kind, as when a machine dies. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOutboxInstance(env: Record<string, string> = {}): Promise<OutboxInstance> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/helpers/outbox-instance.ts")], {
    cwd: ROOT,
    env: { ...process.env, ...env, BEACON_OUTBOX_INSTANCE: "1" },
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const waiting: ((value: Record<string, unknown>) => void)[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const failed = exited.then((code) => {
    throw new Error(`outbox instance exited (${code}): ${stderr}`);
  });
  failed.catch(() => {});
  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    if (line.startsWith("@@")) waiting.shift()?.(JSON.parse(line.slice(2)));
  });
  const next = () => Promise.race([new Promise<Record<string, unknown>>((resolve) => waiting.push(resolve)), failed]);
  await next();
  return {
    pid: child.pid!,
    ask: async (command) => {
      const answer = next();
      child.stdin.write(`${JSON.stringify(command)}\n`);
      return answer;
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.write(`${JSON.stringify({ quit: true })}\n`);
      await exited;
    },
  };
}

if (process.env.BEACON_OUTBOX_INSTANCE === "1") await serve();
