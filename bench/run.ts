// `npm run bench`: request rates of the API per credential style, against the production build served
// by Beacon's own server (as `npm start` does) on a fresh SQLite database (or DATABASE_URL if it names
// PostgreSQL). The machine is shared and noisy: read the ratios to the baseline of the same run, not
// the absolute numbers. Options: BENCH_DURATION (s, default 8), BENCH_CONNECTIONS (default 20).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { root, startBenchServer } from "./server.ts";

const duration = Number(process.env.BENCH_DURATION || 8);
const connections = Number(process.env.BENCH_CONNECTIONS || 20);
const port = 3900 + (process.pid % 90);
const admin = { email: "admin@example.com", password: "bench-admin-password" };

function run(title: string, requestPath: string, headers: Record<string, string> = {}): Promise<{ title: string; rps: number; p99: number; non2xx: number }> {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${base}${requestPath}`, connections, duration, headers }, (err, result) => {
      if (err) return reject(err);
      resolve({ title, rps: Math.round(result.requests.average), p99: result.latency.p99, non2xx: result.non2xx });
    });
  });
}

const server = await startBenchServer({ port, admin, databaseFromEnv: true });
const { base } = server;
try {
  const basic = `Basic ${Buffer.from(`${admin.email}:${admin.password}`).toString("base64")}`;
  const tokenRes = await fetch(`${base}/api/v1/tokens`, { method: "POST", headers: { Authorization: basic, "Content-Type": "application/json" }, body: "{}" });
  const key = (await tokenRes.json()).key as string;
  const scenarios: [string, string, Record<string, string>][] = [
    ["baseline: /api/v1/ index, anonymous (no query but settings)", "/api/v1/", {}],
    ["components list, anonymous", "/api/v1/components", {}],
    ["components list, Authorization: Token", "/api/v1/components", { Authorization: `Token ${key}` }],
    ["components list, X-Api-Key", "/api/v1/components", { "X-Api-Key": key }],
    ["user/self, Bearer", "/api/v1/user/self", { Authorization: `Bearer ${key}` }],
    ["invalid bcn_ checksum (no DB read)", "/api/v1/components", { "X-Api-Key": "bcn_" + "A".repeat(36) }],
    ["components list, Basic (argon2id per request)", "/api/v1/components", { Authorization: basic }],
  ];
  const results = [];
  for (const [title, p, headers] of scenarios) {
    const r = await run(title, p, headers);
    results.push(r);
    console.log(`${r.title.padEnd(62)} ${String(r.rps).padStart(6)} req/s  p99 ${String(r.p99).padStart(5)} ms  non-2xx ${r.non2xx}`);
  }
  const baseline = results[1].rps || 1;
  console.log("\nRatios to the anonymous components list of this run:");
  for (const r of results) console.log(`  ${r.title.padEnd(62)} ${(r.rps / baseline).toFixed(2)}`);
  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(
    path.join(root, "bench", "results", "latest.json"),
    JSON.stringify({ date: new Date().toISOString(), duration, connections, cpus: os.cpus().length, results }, null, 2) + "\n",
  );
} finally {
  server.stop();
}
