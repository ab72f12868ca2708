// SQLite locked by another process (`npm run beacon -- create-token`, a backup, a sqlite3 shell): a
// write that has to wait for the lock waits without blocking the event loop, so other requests are
// answered meanwhile; it goes through once the lock is released, and answers 503 + Retry-After when
// the lock outlasts BEACON_SQLITE_BUSY_TIMEOUT_MS. The lock is held by a real second process.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { TEST_DB_KIND } from "../helpers/database.ts";
import { sqlitePath } from "../../lib/config.ts";

process.env.BEACON_SQLITE_BUSY_TIMEOUT_MS = "2500";

/** Another process takes the write lock (BEGIN IMMEDIATE) and keeps it for `holdMs`. */
async function lockFromAnotherProcess(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    console.log("locked");
    setTimeout(() => { db.exec("ROLLBACK"); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ["-e", script, file, String(holdMs)], { stdio: ["ignore", "pipe", "inherit"] });
  const released = new Promise<void>((resolve, reject) => {
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited with ${code}`))));
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code} before locking`)));
  });
  return { released };
}

const timed = async <T>(p: Promise<T>) => {
  const started = Date.now();
  const value = await p;
  return { value, ms: Date.now() - started };
};

describe("SQLite locked by another process", { skip: TEST_DB_KIND !== "sqlite" ? "SQLite only" : false }, () => {
  let app: TestApp;
  let admin: Record<string, string>;
  let file: string;
  const component = () => ({ headers: admin, json: { name: `c-${randomBytes(4).toString("hex")}`, status: 1 } });

  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
    file = sqlitePath(app.db.url);
    // Token use is recorded at most once a minute: record it now, so that the reads below write nothing.
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: admin })).status, 200);
    // Load the route modules now, so that the timings below measure requests, not imports.
    assert.equal((await app.call("GET", "/api/v1/components")).status, 200);
    assert.equal((await app.call("GET", "/api/v1/incidents")).status, 200);
    assert.equal((await app.call("POST", "/api/v1/components", component())).status, 201);
    assert.equal((await app.call("POST", "/api/v1/incidents", { headers: admin, json: { name: "Warm-up", message: "m", status: 1 } })).status, 201);
  });

  test("a waiting write blocks nothing: reads are answered meanwhile, the write goes through after the lock", async () => {
    const lock = await lockFromAnotherProcess(file, 1500);
    const locked = Date.now();
    const write = timed(app.call("POST", "/api/v1/components", component()));
    const incident = timed(app.call("POST", "/api/v1/incidents", { headers: admin, json: { name: "Locked", message: "m", status: 1 } }));
    await new Promise((r) => setTimeout(r, 100));
    const reads = [];
    for (let i = 0; i < 5; i++) reads.push(await timed(app.call("GET", "/api/v1/components")));
    // A write blocking the event loop would hold everything up until the lock is released (1.5 s).
    const readsDone = Date.now() - locked;
    const [w, inc] = await Promise.all([write, incident]);
    await lock.released;
    for (const r of reads) assert.equal(r.value.status, 200);
    assert.ok(readsDone < 1000, `the reads were done ${readsDone} ms after the lock was taken: they waited for it`);
    assert.equal(w.value.status, 201, w.value.text);
    assert.equal(inc.value.status, 201, inc.value.text);
    assert.ok(w.ms >= 1300, `the write finished after ${w.ms} ms, before the lock was released`);
    console.log(`# reads done ${readsDone} ms after locking (each ${reads.map((r) => r.ms).join(", ")} ms); write ${w.ms} ms, incident ${inc.ms} ms`);
  });

  test("a lock held longer than BEACON_SQLITE_BUSY_TIMEOUT_MS: 503 + Retry-After, then back to normal", async () => {
    const lock = await lockFromAnotherProcess(file, 5000);
    const write = timed(app.call("POST", "/api/v1/components", component()));
    const read = await timed(app.call("GET", "/api/v1/components"));
    const w = await write;
    assert.equal(read.value.status, 200);
    assert.ok(read.ms < 800, `a read took ${read.ms} ms`);
    assert.equal(w.value.status, 503, w.value.text);
    assert.deepEqual(w.value.body, { detail: "Service temporarily unavailable." });
    assert.ok(Number(w.value.headers.get("retry-after")) > 0);
    assert.ok(w.ms >= 2400 && w.ms < 4800, `503 after ${w.ms} ms`);
    await lock.released;
    assert.equal((await app.call("POST", "/api/v1/components", component())).status, 201);
  });
});
