// `npm run bench`: the request rate of each credential path of the API (issue 13) and of the public reads
// (issue 10), against the production build served by Beacon's own server as `npm start` runs it, on a
// fresh SQLite database (PostgreSQL when DATABASE_URL names one) with the demo data plus 20 components.
// Every case is read as a ratio to the floor of the same run (GET /api/health: a bare route handler,
// Next's own per-request cost): the machine is shared and absolute figures drift from run to run.
//
//   BENCH_DURATION     seconds per case (default 10)
//   BENCH_CONNECTIONS  concurrent connections (default 50)
//   BENCH_ONLY         run only the cases whose id contains one of these comma-separated words (the floor always runs)
//   BENCH_CPU_PROF     a folder: the server runs with `node --cpu-prof` and writes its profile there on exit
//
// Results: bench/results/<date>-<database>.json and bench/results/latest-<database>.json (git-ignored).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import autocannon from "autocannon";
import { buildIsStale } from "../scripts/build-state.ts";
import { root, startBenchServer, type BenchServer } from "./server.ts";

const duration = Number(process.env.BENCH_DURATION || 10);
const connections = Number(process.env.BENCH_CONNECTIONS || 50);
const only = (process.env.BENCH_ONLY ?? "").split(",").map((s) => s.trim()).filter(Boolean);
const port = 3900 + (process.pid % 90);
const admin = { email: "admin@example.com", password: "bench-admin-password" };
const EXTRA_COMPONENTS = 20;
const RSS_SAMPLE_MS = 200;
// A busy machine can make a response take seconds: counted late, not dropped as an error.
const REQUEST_TIMEOUT_S = 30;

interface Target {
  /** The case whose rate this one is compared with (the floor unless said). */
  of: string;
  ratio: number;
  /** Also: p99 at most this many times the floor's p99. */
  p99Factor?: number;
}

interface Case {
  id: string;
  title: string;
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  target?: Target;
}

interface Measured {
  id: string;
  title: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  peakRssMiB: number;
  ratioToFloor: number;
  target?: Target & { actual: number; holds: boolean; p99Ratio?: number };
}

/** Resident memory of a process and all its descendants, in MiB (from /proc; 0 where /proc is missing). */
function treeRssMiB(pid: number): number {
  let kib = 0;
  const pending = [pid];
  while (pending.length) {
    const p = pending.pop()!;
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      kib += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
        if (children) pending.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return Math.round(kib / 1024);
}

function sampleRss(pid: number): { stop(): number } {
  let peak = treeRssMiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRssMiB(pid))), RSS_SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRssMiB(pid));
    },
  };
}

/**
 * Waits until the server has worked off what an ended load left behind (autocannon closes its sockets,
 * the server still finishes the requests they carried: 50 status-page renders take many seconds on a busy
 * machine), so that each case starts on an idle server: the floor answers fast twice in a row (max 120 s).
 */
async function drain(base: string, idleMs: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  let fast = 0;
  while (fast < 2 && Date.now() < deadline) {
    const started = Date.now();
    await (await fetch(`${base}/api/health`)).arrayBuffer();
    fast = Date.now() - started <= Math.max(3 * idleMs, 50) ? fast + 1 : 0;
    if (fast < 2) await new Promise((r) => setTimeout(r, 200));
  }
}

/** The floor's latency for one request on an idle server (the best of five). */
async function idleLatency(base: string): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = Date.now();
    await (await fetch(`${base}/api/health`)).arrayBuffer();
    best = Math.min(best, Date.now() - started);
  }
  return best;
}

function load(base: string, c: Case, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: `${base}${c.path}`, connections, duration: seconds, timeout: REQUEST_TIMEOUT_S, method: c.method ?? "GET", headers: { Accept: "application/json", ...c.headers }, body: c.body },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function json(res: Response) {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The admin's token, and 20 more components than the demo data has, so lists carry some weight. */
async function prepare(base: string): Promise<string> {
  const basic = `Basic ${Buffer.from(`${admin.email}:${admin.password}`).toString("base64")}`;
  const { key } = await json(await fetch(`${base}/api/v1/tokens`, { method: "POST", headers: { Authorization: basic, "Content-Type": "application/json" }, body: JSON.stringify({ description: "bench" }) }));
  for (let i = 1; i <= EXTRA_COMPONENTS; i++) {
    await json(
      await fetch(`${base}/api/v1/components`, {
        method: "POST",
        headers: { Authorization: `Token ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ name: `Bench component ${i}`, description: `Component ${i} of the benchmark data`, status: 1 + (i % 4) }),
      }),
    );
  }
  return key as string;
}

/** A key of the generated format with a valid checksum that names no token (it costs one database read). */
async function unknownValidKey(): Promise<string> {
  const { generateKey } = await import("../lib/auth/keys.ts");
  return generateKey();
}

function cases(key: string, unknownKey: string): Case[] {
  const basic = `Basic ${Buffer.from(`${admin.email}:${admin.password}`).toString("base64")}`;
  const floor = (ratio: number, p99Factor?: number): Target => ({ of: "floor", ratio, p99Factor });
  return [
    { id: "floor", title: "floor: GET /api/health (bare route handler)", path: "/api/health" },
    { id: "anon-list", title: "GET /api/v1/components, anonymous", path: "/api/v1/components", target: floor(0.8) },
    { id: "status-page", title: "GET / (status page)", path: "/", headers: { Accept: "text/html" }, target: floor(0.8, 3) },
    { id: "list-x-api-key", title: "components list, X-Api-Key", path: "/api/v1/components", headers: { "X-Api-Key": key }, target: floor(0.6) },
    { id: "list-token", title: "components list, Authorization: Token", path: "/api/v1/components", headers: { Authorization: `Token ${key}` }, target: floor(0.6) },
    { id: "user-self-bearer", title: "GET /api/v1/user/self, Bearer", path: "/api/v1/user/self", headers: { Authorization: `Bearer ${key}` }, target: floor(0.7) },
    { id: "list-basic", title: "components list, Basic", path: "/api/v1/components", headers: { Authorization: basic }, target: { of: "list-token", ratio: 0.8 } },
    { id: "unknown-key", title: "unknown key, valid checksum (401/429)", path: "/api/v1/components", headers: { "X-Api-Key": unknownKey }, target: floor(0.8) },
    { id: "bad-checksum", title: "bad checksum (no database read)", path: "/api/v1/components", headers: { "X-Api-Key": "bcn_" + "A".repeat(36) }, target: floor(0.95) },
    {
      id: "post-component",
      title: "POST /api/v1/components, Token",
      path: "/api/v1/components",
      method: "POST",
      headers: { Authorization: `Token ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Bench write", description: "Created under load", status: 1 }),
      target: floor(0.45),
    },
  ];
}

function judge(results: Measured[]): void {
  const byId = new Map(results.map((r) => [r.id, r]));
  const floor = byId.get("floor")!;
  for (const r of results) {
    r.ratioToFloor = floor.rps ? r.rps / floor.rps : 0;
    const t = (cases("k", "k").find((c) => c.id === r.id) ?? {}).target;
    const of = t && byId.get(t.of);
    if (!t || !of) continue;
    const actual = of.rps ? r.rps / of.rps : 0;
    const p99Ratio = t.p99Factor && floor.p99 ? r.p99 / floor.p99 : undefined;
    r.target = { ...t, actual, p99Ratio, holds: actual >= t.ratio && (p99Ratio === undefined || p99Ratio <= t.p99Factor!) };
  }
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

function print(results: Measured[], rss: { idleMiB: number; peakMiB: number }, meta: Record<string, unknown>): void {
  console.log(`\nBeacon bench: ${meta.database}, ${connections} connections × ${duration} s per case, ${meta.cpus} × ${meta.cpuModel}, Node ${process.version}`);
  console.log(`${"case".padEnd(46)} ${pad("req/s", 7)} ${pad("p50", 6)} ${pad("p99", 6)}  ${"ratio".padEnd(6)} ${"target".padEnd(22)} status codes`);
  for (const r of results) {
    const t = r.target;
    const target = t ? `${t.actual.toFixed(2)} ≥ ${t.ratio}${t.of === "floor" ? "" : ` × ${t.of}`}${t.p99Factor ? `, p99 ${t.p99Ratio?.toFixed(1)}× ≤ ${t.p99Factor}×` : ""} ${t.holds ? "✓" : "✗"}` : "";
    const codes = Object.entries(r.statusCodes).map(([code, n]) => `${code}:${n}`).join(" ") + (r.errors ? ` errors:${r.errors}` : "");
    console.log(`${r.title.padEnd(46)} ${pad(r.rps, 7)} ${pad(r.p50, 4)}ms ${pad(r.p99, 4)}ms  ${r.ratioToFloor.toFixed(2).padEnd(6)} ${target.padEnd(22)} ${codes}`);
  }
  const idleOk = rss.idleMiB <= 250;
  const peakOk = rss.peakMiB <= 400;
  console.log(`server RSS (process tree): idle after warm-up ${rss.idleMiB} MiB (target ≤ 250 ${idleOk ? "✓" : "✗"}), peak under load ${rss.peakMiB} MiB (target ≤ 400 ${peakOk ? "✓" : "✗"})`);
}

// Build first (as `npm start` would), so the server's start-up wait never includes a build.
if (buildIsStale(root)) {
  console.log("Building Beacon (sources changed since the last build)…");
  const build = spawnSync(process.execPath, [path.join(root, "scripts/build.mjs")], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let server: BenchServer | null = null;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}
try {
  const profileDir = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
  server = await startBenchServer({ port, admin, databaseFromEnv: true, nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [] });
  const { base, pid } = server;
  const key = await prepare(base);
  const all = cases(key, await unknownValidKey());
  const selected = all.filter((c) => c.id === "floor" || only.length === 0 || only.some((w) => c.id.includes(w)));

  // Warm-up: every route loaded (one request each first), JIT-warm, pools open (writes excluded: they would grow the list).
  for (const c of selected) if (c.method !== "POST") await (await fetch(`${base}${c.path}`, { headers: { Accept: "application/json", ...c.headers } })).arrayBuffer();
  const idleMs = await idleLatency(base);
  for (const c of selected) {
    if (c.method === "POST") continue;
    await load(base, c, 3);
    await drain(base, idleMs);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const idleMiB = treeRssMiB(pid);

  const results: Measured[] = [];
  let peakMiB = idleMiB;
  for (const c of selected) {
    const sampler = sampleRss(pid);
    const r = await load(base, c, duration);
    const peak = sampler.stop();
    await drain(base, idleMs);
    peakMiB = Math.max(peakMiB, peak);
    const statusCodes: Record<string, number> = {};
    for (const [code, { count }] of Object.entries((r as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats ?? {})) statusCodes[code] = count;
    results.push({
      id: c.id,
      title: c.title,
      requests: r.requests.total,
      rps: Math.round(r.requests.average),
      p50: r.latency.p50,
      p99: r.latency.p99,
      statusCodes,
      errors: r.errors,
      timeouts: r.timeouts,
      peakRssMiB: peak,
      ratioToFloor: 0,
    });
    process.stdout.write(`  measured ${c.id}: ${Math.round(r.requests.average)} req/s (load average ${os.loadavg()[0].toFixed(1)})\n`);
  }
  judge(results);
  const { databaseKind } = await import("../lib/config.ts");
  const database = databaseKind(process.env.DATABASE_URL || "file:bench.db");
  const meta = { date: new Date().toISOString(), database, duration, connections, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "?", node: process.version, loadavg: os.loadavg() };
  const rss = { idleMiB, peakMiB };
  print(results, rss, meta);
  const dir = path.join(root, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const text = JSON.stringify({ ...meta, rss, results }, null, 2) + "\n";
  fs.writeFileSync(path.join(dir, `${meta.date.replace(/[:.]/g, "-")}-${database}.json`), text);
  fs.writeFileSync(path.join(dir, `latest-${database}.json`), text);
  console.log(`results: bench/results/latest-${database}.json`);
} finally {
  await server?.stop();
}
