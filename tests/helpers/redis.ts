// Redis for the throttling tests: the shared server (TEST_REDIS_URL, skipped with a printed reason when it
// does not answer), a private redis-server on a spare port that a test may pause, and a unique key prefix.
import net from "node:net";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { testRedisUrl } from "../../scripts/test-services.ts";

export const REDIS_URL = testRedisUrl();

export const uniquePrefix = (label: string) => `beacon-test-${label}-${process.pid}-${randomBytes(4).toString("hex")}`;

/** Why Redis tests cannot run against `url`, or null when it answers PING. */
export async function redisProblem(url = REDIS_URL): Promise<string | null> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 2000, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (err) {
    return `Redis not reachable at ${url}: ${(err as Error).message}`;
  } finally {
    client.disconnect();
  }
}

/** Deletes every key under `prefix` (the end of a test run). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on("error", () => {});
  try {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}

export async function sparePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface OwnRedis {
  url: string;
  /** SIGSTOP: the server keeps its connections open and answers nothing. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** Why no private redis-server can be started, or null. */
export function redisServerProblem(): string | null {
  const found = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  return found.status === 0 ? null : "redis-server is not installed";
}

/** A redis-server of this test alone, on a spare 127.0.0.1 port, without persistence. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await sparePort();
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && (await redisProblem(url)); i++) await new Promise((r) => setTimeout(r, 100));
  const problem = await redisProblem(url);
  if (problem) {
    child.kill("SIGKILL");
    throw new Error(`own redis-server did not start: ${problem}`);
  }
  return {
    url,
    pause: () => void child.kill("SIGSTOP"),
    resume: () => void child.kill("SIGCONT"),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGCONT");
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A TCP server that accepts connections and never answers: Redis stalled from the first byte. */
export async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
