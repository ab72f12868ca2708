// Issue 9 item 9: concurrent refreshes of one token. Exactly one wins (200 with the only working new
// key), every other one is `409 {"detail":"Conflict."}`; a grace window, once granted, lasts its full
// time, whatever later refreshes do.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";

let app: TestApp;
const CONFLICT = { detail: "Conflict." };
const self = (key: string) => app.call("GET", "/api/v1/user/self", { headers: tokenHeader(key) });
const refresh = (id: number, headers: Record<string, string>, json?: unknown) => app.call("POST", `/api/v1/tokens/${id}/refresh`, { headers, json });
const graceEnd = async (id: number) => (await db.apiToken.findUniqueOrThrow({ where: { id }, select: { previousExpiresAt: true } })).previousExpiresAt;

function assertOneWinner(results: { status: number; body: any }[]) {
  const winners = results.filter((r) => r.status === 200);
  assert.equal(winners.length, 1, `statuses: ${results.map((r) => r.status).join(",")}`);
  for (const r of results) if (r.status !== 200) assert.deepEqual([r.status, r.body], [409, CONFLICT]);
  return winners[0].body;
}

/** Runs `processes` separate Beacon processes on this test's database, each firing `each` refreshes at once. */
async function refreshFromProcesses(id: number, key: string, processes: number, each: number) {
  const worker = path.resolve(import.meta.dirname, "../helpers/refresh-worker.ts");
  const children = Array.from({ length: processes }, () =>
    spawn(process.execPath, ["--import", "tsx", worker, String(id), String(each)], {
      env: { ...process.env, BEACON_WORKER_KEY: key },
      stdio: ["pipe", "pipe", "inherit"],
    }),
  );
  const lines = children.map((child) => {
    let out = "";
    const ready = new Promise<void>((resolve) => child.stdout.on("data", (d) => { out += d; if (out.includes("ready\n")) resolve(); }));
    const done = new Promise<string>((resolve, reject) => {
      child.on("exit", (code) => (code === 0 ? resolve(out.split("\n").filter(Boolean).at(-1)!) : reject(new Error(`worker exited ${code}`))));
    });
    return { ready, done };
  });
  const timer = setTimeout(() => children.forEach((c) => c.kill()), 60_000);
  try {
    await Promise.all(lines.map((l) => l.ready));
    for (const child of children) child.stdin.write("go\n");
    return (await Promise.all(lines.map((l) => l.done))).flatMap((line) => JSON.parse(line));
  } finally {
    clearTimeout(timer);
  }
}

describeDb("racing refreshes", () => {
  before(async () => {
    app = await testApp();
  });

  test("20 concurrent refreshes by an admin's token: one 200 whose key works, nineteen 409 Conflict", async () => {
    const user = await seedUser();
    const { id, key } = await seedToken(user.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => refresh(id, tokenHeader(app.adminToken))));
    const winner = assertOneWinner(results);
    assert.equal((await self(winner.key)).status, 200, "the winner's key works");
    assert.equal((await self(key)).status, 401, "the old key is gone (no grace asked)");
  });

  test("20 concurrent refreshes with Basic (slow password checks, so they reach the database one by one): still one winner", async () => {
    const user = await seedUser();
    const { id } = await seedToken(user.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => refresh(id, basic(user.email, user.password))));
    const winner = assertOneWinner(results);
    assert.equal((await self(winner.key)).status, 200);
  });

  test("20 concurrent refreshes with the token's own key: one 200; the rest 409, or 401 once the key they carry is gone", async () => {
    const user = await seedUser();
    const { id, key } = await seedToken(user.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => refresh(id, tokenHeader(key))));
    const winners = results.filter((r) => r.status === 200);
    assert.equal(winners.length, 1, `statuses: ${results.map((r) => r.status).join(",")}`);
    for (const r of results.filter((r) => r.status !== 200)) {
      assert.ok(r.status === 409 ? assert.deepEqual(r.body, CONFLICT) === undefined : r.status === 401 && r.body.detail === "Invalid token.", JSON.stringify(r.body));
    }
    assert.equal((await self(winners[0].body.key)).status, 200);
  });

  test("4 separate processes × 5 refreshes at once (truly concurrent connections): one winner, nineteen 409 Conflict", async () => {
    const user = await seedUser();
    const { id } = await seedToken(user.id);
    const results = await refreshFromProcesses(id, app.adminToken, 4, 5);
    assert.equal(results.length, 20);
    const winner = assertOneWinner(results);
    assert.equal((await self(winner.key)).status, 200, "the winner's key works");
  });

  test("concurrent refreshes with grace: the winner's window for the old key is the one granted, in full", async () => {
    const user = await seedUser();
    const { id, key } = await seedToken(user.id);
    const before = Date.now();
    const results = await Promise.all(Array.from({ length: 20 }, () => refresh(id, tokenHeader(app.adminToken), { grace_seconds: 600 })));
    const winner = assertOneWinner(results);
    assert.equal((await self(key)).status, 200, "the original key is in its grace window");
    assert.equal((await self(winner.key)).status, 200);
    assert.ok((await graceEnd(id))!.getTime() >= before + 600_000);
  });

  test("a second, sequential refresh without grace ends the key it replaces at once and leaves the open window as it was", async () => {
    const user = await seedUser();
    const { id, key: k0 } = await seedToken(user.id);
    const h = basic(user.email, user.password);
    const first = await refresh(id, h, { grace_seconds: 600 });
    assert.equal(first.status, 200);
    const window = await graceEnd(id);
    const second = await refresh(id, h);
    assert.equal(second.status, 200, second.text);
    assert.equal((await self(k0)).status, 200, "k0's window lasts its full time");
    assert.deepEqual(await graceEnd(id), window, "…unchanged");
    assert.deepEqual((await self(first.body.key)).body, { detail: "Invalid token." }, "the key the second refresh replaced ends now");
    assert.equal((await self(second.body.key)).status, 200);
    // When the window ends, k0 ends; the newest key lives on.
    await db.apiToken.update({ where: { id }, data: { previousExpiresAt: new Date(Date.now() - 1) } });
    assert.equal((await self(k0)).status, 401);
    assert.equal((await self(second.body.key)).status, 200);
  });

  test("a second refresh asking for grace while a window is open is 409 Conflict on grace_seconds and changes nothing", async () => {
    const user = await seedUser();
    const { id, key: k0 } = await seedToken(user.id);
    const h = basic(user.email, user.password);
    const first = await refresh(id, h, { grace_seconds: 600 });
    const window = await graceEnd(id);
    const second = await refresh(id, h, { grace_seconds: 60 });
    assert.equal(second.status, 409);
    assert.equal(second.body.detail, "Conflict.");
    assert.ok(second.body.errors.grace_seconds[0].includes(window!.toISOString()), JSON.stringify(second.body));
    assert.ok(!second.text.includes("bcn_"), "no key in the refusal");
    assert.equal((await self(k0)).status, 200);
    assert.equal((await self(first.body.key)).status, 200);
    assert.deepEqual(await graceEnd(id), window);
    // Once the window has ended, a refresh may grant a new one, to the key it replaces.
    await db.apiToken.update({ where: { id }, data: { previousExpiresAt: new Date(Date.now() - 1) } });
    const third = await refresh(id, h, { grace_seconds: 60 });
    assert.equal(third.status, 200, third.text);
    assert.equal((await self(first.body.key)).status, 200, "the key it replaced is in the new window");
    assert.equal((await self(k0)).status, 401);
    assert.equal((await self(third.body.key)).status, 200);
  });
});
