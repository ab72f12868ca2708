// PostgreSQL outages, made with real mechanisms on a database of this test's own: a TCP proxy in front
// of the server that refuses, stalls or cuts; ALTER DATABASE … ALLOW_CONNECTIONS false;
// pg_terminate_backend during load; a database that does not exist. Every answer meanwhile is a 503
// with Retry-After (never a 500, never a hang), and Beacon recovers within seconds once the database
// is back. The shared server itself is never stopped.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createTestDatabase, PG_ADMIN_URL, postgresUnavailable, TEST_DB_KIND, type TestDatabase } from "../helpers/database.ts";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.ts";

const skip =
  TEST_DB_KIND !== "postgresql" ? "PostgreSQL outage test: runs in the PostgreSQL pass (BEACON_TEST_DB=postgresql)" : await postgresUnavailable();
if (skip) console.log(`# skipped: ${skip}`);

// Small bounds so that the test is quick; the defaults are documented in README's Configuration table.
process.env.BEACON_PG_CONNECT_TIMEOUT_MS = "1000";
process.env.BEACON_PG_STATEMENT_TIMEOUT_MS = "1500";
process.env.BEACON_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS = "3000";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: unknown;
  ms: number;
}

describe("PostgreSQL outages: 503 + Retry-After, no 500, recovery within seconds", { skip: skip ?? false }, () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let admin: pg.Client;
  let name: string;
  let token: string;
  let listComponents: Handler;
  let createComponent: Handler;
  let userSelf: Handler;
  const quiet = console.error;

  async function send(handler: Handler, url: string, init: RequestInit = {}): Promise<Answer> {
    const started = Date.now();
    const res = await handler(new Request(`http://beacon.test${url}`, { ...init, headers: { host: "beacon.test", "x-beacon-client-ip": "192.0.2.10", ...init.headers } }), {
      params: Promise.resolve({}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body, ms: Date.now() - started };
  }
  const list = () => send(listComponents, "/api/v1/components");
  const self = () => send(userSelf, "/api/v1/user/self", { headers: { Authorization: `Token ${token}` } });
  const create = () =>
    send(createComponent, "/api/v1/components", {
      method: "POST",
      headers: { Authorization: `Token ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `c-${randomBytes(4).toString("hex")}`, status: 1 }),
    });

  function assertUnavailable(answer: Answer, what: string) {
    assert.equal(answer.status, 503, `${what}: ${JSON.stringify(answer.body)}`);
    assert.deepEqual(answer.body, { detail: "Service temporarily unavailable." }, what);
    assert.ok(Number(answer.retryAfter) > 0, `${what}: Retry-After ${answer.retryAfter}`);
  }

  /** Polls until a read and a write succeed again; returns how long that took. */
  async function recovers(what: string, withinMs = 5000): Promise<number> {
    const started = Date.now();
    for (;;) {
      const [a, b] = [await list(), await create()];
      for (const x of [a, b]) assert.ok([201, 200, 503].includes(x.status), `${what} recovery: ${x.status} ${JSON.stringify(x.body)}`);
      if (a.status === 200 && b.status === 201) return Date.now() - started;
      assert.ok(Date.now() - started < withinMs, `${what}: not recovered after ${withinMs} ms (${a.status}, ${b.status})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  before(async () => {
    database = await createTestDatabase("postgresql");
    name = new URL(database.url).pathname.slice(1);
    const upstream = new URL(PG_ADMIN_URL);
    proxy = await startTcpProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
    const viaProxy = new URL(database.url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    process.env.DATABASE_URL = viaProxy.toString();
    process.env.NEXTAUTH_SECRET = randomBytes(16).toString("hex");
    process.env.BEACON_TOKEN_PEPPER = randomBytes(16).toString("hex");
    process.env.BEACON_DEMO = "0";
    const { markBeaconServer } = await import("../../lib/net.ts");
    markBeaconServer();
    const { runSetup } = await import("../../lib/setup.ts");
    token = (await runSetup()).adminToken!;
    ({ GET: listComponents, POST: createComponent } = (await import("../../app/api/v1/components/route.ts")) as unknown as Record<string, Handler>);
    ({ GET: userSelf } = (await import("../../app/api/v1/user/self/route.ts")) as unknown as Record<string, Handler>);
    admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    console.error = () => {};
  });

  after(async () => {
    console.error = quiet;
    await admin?.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => {});
    await admin?.end().catch(() => {});
    const { disconnectDb } = await import("../../lib/db.ts");
    await disconnectDb().catch(() => {});
    await proxy?.close();
    await database?.drop();
  });

  test("healthy: reads and writes succeed through the proxy", async () => {
    assert.equal((await list()).status, 200);
    assert.equal((await self()).status, 200);
    assert.equal((await create()).status, 201);
  });

  test("connection refused: 503, then recovery", async () => {
    await proxy.refuse();
    for (const answer of [await list(), await self(), await create()]) assertUnavailable(answer, "refused");
    await proxy.pass();
    console.log(`# refused: recovered in ${await recovers("refused")} ms`);
  });

  test("database not accepting connections (55000): 503, then recovery", async () => {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
    for (const answer of [await list(), await self(), await create()]) assertUnavailable(answer, "not accepting connections");
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    console.log(`# not accepting: recovered in ${await recovers("not accepting")} ms`);
  });

  test("connections killed mid-load (57P01) and cut by the network: only 2xx and 503", async () => {
    const statuses = new Map<number, number>();
    const deadline = Date.now() + 3000;
    let kills = 0;
    const killer = (async () => {
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 150));
        if (kills % 3 === 2) proxy.cut();
        else await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
        kills++;
      }
    })();
    const worker = async () => {
      while (Date.now() < deadline) {
        for (const answer of [await list(), await self(), await create()]) {
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status === 503) assertUnavailable(answer, "killed mid-load");
          else assert.ok([200, 201].includes(answer.status), `killed mid-load: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }
    };
    await Promise.all([killer, worker(), worker(), worker(), worker()]);
    console.log(`# killed mid-load: ${kills} kills, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(`# killed mid-load: recovered in ${await recovers("killed")} ms`);
  });

  test("stalled database: 503 within a few seconds, never a hang; then recovery", async () => {
    assert.equal((await list()).status, 200); // a pooled connection exists, and will stall mid-query
    proxy.stall();
    const answers = await Promise.all([list(), self(), create(), list()]);
    for (const answer of answers) {
      assertUnavailable(answer, "stalled");
      assert.ok(answer.ms < 4000, `stalled: answered after ${answer.ms} ms`);
    }
    console.log(`# stalled: 503 after ${answers.map((a) => a.ms).join(", ")} ms`);
    await proxy.pass();
    console.log(`# stalled: recovered in ${await recovers("stalled")} ms`);
  });

  test("a slow statement is cancelled by the server after BEACON_PG_STATEMENT_TIMEOUT_MS (57014): 503", async () => {
    const { db } = await import("../../lib/db.ts");
    const { mapError } = await import("../../lib/api/map-error.ts");
    const started = Date.now();
    const err = await db.$queryRawUnsafe("SELECT pg_sleep(10)").then(() => null, (e: unknown) => e);
    const ms = Date.now() - started;
    assert.ok(err, "pg_sleep(10) finished: no statement timeout");
    assert.ok(ms >= 1400 && ms < 2400, `cancelled after ${ms} ms`);
    assert.equal(mapError(err).status, 503);
  });

  test("a transaction left idle is ended after BEACON_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS (25P03): 503", async () => {
    const { db } = await import("../../lib/db.ts");
    const { mapError } = await import("../../lib/api/map-error.ts");
    const err = await db
      .$transaction(
        async (tx) => {
          await tx.$queryRawUnsafe("SELECT 1");
          await new Promise((r) => setTimeout(r, 3500));
          await tx.$queryRawUnsafe("SELECT 1");
        },
        { timeout: 20_000 },
      )
      .then(() => null, (e: unknown) => e);
    assert.ok(err, "the idle transaction was not ended by the server");
    assert.equal(mapError(err).status, 503, String(err));
    assert.equal((await list()).status, 200);
  });

  test("a database that does not exist (P1003): 503", async () => {
    const { disconnectDb } = await import("../../lib/db.ts");
    const url = process.env.DATABASE_URL!;
    const missing = new URL(url);
    missing.pathname = `/${name}_missing`;
    process.env.DATABASE_URL = missing.toString();
    try {
      for (const answer of [await list(), await self()]) assertUnavailable(answer, "missing database");
    } finally {
      await disconnectDb();
      process.env.DATABASE_URL = url;
    }
  });
});
