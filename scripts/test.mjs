// `npm test`: the linter first, then every test — unit and integration (SQLite, then PostgreSQL when reachable), then Playwright
// in Debian's Chromium against the built app — ending with one line `N passed, N failed, N skipped`.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lintTree } from "./lint.ts";
import { testDatabaseUrl } from "./test-services.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";
const totals = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();

function log(line) {
  console.log(`[test] ${line}`);
}

function ensureChromium() {
  if (fs.existsSync("/usr/bin/chromium")) return;
  if (process.getuid?.() !== 0) {
    log("Chromium is missing at /usr/bin/chromium and this is not root: install it with `apt-get install -y chromium`.");
    return;
  }
  log("Installing Debian's chromium (apt-get update && apt-get install -y chromium)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update"], { stdio: "inherit", env });
  spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
}

// The two-instance test puts Beacon behind Debian's nginx: installed here as Chromium is.
function ensureNginx() {
  if (["/usr/sbin/nginx", "/usr/bin/nginx"].some((p) => fs.existsSync(p))) return;
  if (process.getuid?.() !== 0) {
    log("nginx is missing and this is not root: the two-instance test (tests/integration/cluster-nginx.test.ts) will be skipped; install it with `apt-get install -y nginx`.");
    return;
  }
  log("Installing Debian's nginx for the two-instance test (apt-get install -y nginx)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let installed = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "nginx"], { stdio: "inherit", env });
  if (installed.status !== 0) {
    spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    installed = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "nginx"], { stdio: "inherit", env });
  }
  if (installed.status !== 0) log("Installing nginx failed: the two-instance test will be skipped.");
}

/** The production build (Next's and the compiled server), for the tests that run it and for Playwright. */
async function buildWhenStale() {
  const { buildIsStale } = await import("./build-state.mjs");
  if (!buildIsStale(root)) return true;
  log("Building the app (the production-server tests and the browser tests run it)…");
  const build = await run(process.execPath, ["scripts/build.mjs"]);
  if (build.code !== 0) add("build", { passed: 0, failed: 1, skipped: 0 }, 1);
  return build.code === 0;
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    let output = "";
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

function nodeCounts(output) {
  const num = (name) => {
    const m = new RegExp(`^\\S*\\s*${name} (\\d+)\\s*$`, "m").exec(output.replace(/\x1b\[[0-9;]*m/g, ""));
    return m ? Number(m[1]) : 0;
  };
  return { passed: num("pass"), failed: num("fail") + num("cancelled"), skipped: num("skipped") + num("todo") };
}

function add(label, counts, code) {
  // A runner that died without reporting a failure still fails the run.
  const failed = counts.failed || (code !== 0 ? 1 : 0);
  totals.passed += counts.passed;
  totals.failed += failed;
  totals.skipped += counts.skipped;
  log(`${label}: ${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped`);
}

async function nodeSuite(label, files, env) {
  const args = ["--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=2", "--test-timeout=120000", ...files];
  const { code, output } = await run(process.execPath, args, env);
  add(label, nodeCounts(output), code);
}

async function pgReachable() {
  const url = testDatabaseUrl();
  const { code, output } = await run(process.execPath, [
    "--import",
    "tsx",
    "-e",
    "const r = await (await import('./tests/helpers/database.ts')).postgresUnavailable(); if (r) { console.log(r); process.exit(3); }",
  ]);
  return code === 0 ? null : output.trim().split("\n").pop() || `PostgreSQL not reachable at ${url}`;
}

const listTests = (dir) =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".test.ts")).sort().map((f) => path.join(dir, f)) : [];

const unit = [...listTests("tests/unit"), ...listTests("tests")];
const integration = listTests("tests/integration");

// The linter is one check: it passes when every file is clean (files are not counted as tests).
log("Linting (ESLint, eslint.config.mjs)…");
const lint = await lintTree(root).catch((err) => (console.error(err), { passed: 0, failed: 1, skipped: 0 }));
log(`lint: ${lint.passed} files clean, ${lint.failed} with problems`);
add("lint", lint.failed > 0 ? { passed: 0, failed: 1, skipped: 0 } : { passed: 1, failed: 0, skipped: 0 }, 0);

// Built before the tests: some check the compiled server, graceful-shutdown and cluster-nginx run it.
await buildWhenStale();
ensureNginx();
await nodeSuite("unit", unit, {});
await nodeSuite("integration (SQLite)", integration, { BEACON_TEST_DB: "sqlite" });
const pgProblem = await pgReachable();
if (pgProblem) {
  log(`SKIPPING the PostgreSQL pass of the integration tests: ${pgProblem}`);
}
// Run even when unreachable: every suite then reports itself skipped with that reason.
await nodeSuite("integration (PostgreSQL)", integration, { BEACON_TEST_DB: "postgresql" });

// Playwright against the production build, served the way `npm start` serves it.
ensureChromium();
if (!fs.existsSync("/usr/bin/chromium")) {
  log("SKIPPING the browser tests: /usr/bin/chromium is missing.");
  totals.skipped += 1;
} else {
  await buildWhenStale();
  const report = path.join(os.tmpdir(), `beacon-playwright-${process.pid}.json`);
  const { code } = await run(process.execPath, [path.join(root, "node_modules/@playwright/test/cli.js"), "test"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(report)) {
    const stats = JSON.parse(fs.readFileSync(report, "utf8")).stats ?? {};
    counts = { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 };
    fs.rmSync(report, { force: true });
  }
  add("browser (Playwright)", counts, code);
}

log(`finished in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
