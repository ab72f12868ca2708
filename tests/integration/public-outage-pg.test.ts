// Up when the database is not: with PostgreSQL cut off by a TCP proxy, the feeds, the badge and /api/v2
// keep answering 200 with their last good copy, marked with its age (Age, Beacon-Stale), never a 500; a
// key that never had a copy gets the 503; anonymous /api/v1 reads stay 503 (no stale private-ish data);
// everything is fresh again once the database is back.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createTestDatabase, PG_ADMIN_URL, postgresUnavailable, TEST_DB_KIND, type TestDatabase } from "../helpers/database.ts";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.ts";

const skip = TEST_DB_KIND !== "postgresql" ? "PostgreSQL outage test: runs in the PostgreSQL pass (BEACON_TEST_DB=postgresql)" : await postgresUnavailable();
if (skip) console.log(`# skipped: ${skip}`);

process.env.BEACON_PG_CONNECT_TIMEOUT_MS = "4000";
process.env.BEACON_PG_STATEMENT_TIMEOUT_MS = "8000";

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;

describe("public outputs during a PostgreSQL outage: the last good copy, with its age", { skip: skip ?? false }, () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let token: string;
  const routes: Record<string, Handler> = {};
  const quiet = console.error;

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const handler = routes[path.split("?")[0]];
    const res = await handler(new Request(`http://beacon.test${path}`, { headers: { host: "beacon.test", "x-beacon-client-ip": "192.0.2.10", ...headers } }), { params: Promise.resolve({}) });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  before(async () => {
    database = await createTestDatabase("postgresql");
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
    routes["/feed.rss"] = (await import("../../app/feed.rss/route.ts")).GET;
    routes["/feed.atom"] = (await import("../../app/feed.atom/route.ts")).GET;
    routes["/badge.svg"] = (await import("../../app/badge.svg/route.ts")).GET;
    routes["/api/v2/summary.json"] = (await import("../../app/api/v2/summary.json/route.ts")).GET as Handler;
    routes["/api/v1/components"] = (await import("../../app/api/v1/components/route.ts")).GET as Handler;
    const create = (await import("../../app/api/v1/components/route.ts")).POST as Handler;
    const res = await create(
      new Request("http://beacon.test/api/v1/components", {
        method: "POST",
        headers: { host: "beacon.test", "x-beacon-client-ip": "192.0.2.10", Authorization: `Token ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "Checkout", status: 3 }),
      }),
    );
    assert.equal(res.status, 201);
  });

  after(async () => {
    console.error = quiet;
    const { disconnectDb } = await import("../../lib/db.ts");
    await disconnectDb().catch(() => {});
    await proxy?.close();
    await database?.drop();
  });

  test("feeds, badge and /api/v2 answer 200 from their copy while the database is cut off, then recover", async () => {
    const paths = ["/feed.rss", "/feed.atom", "/badge.svg", "/api/v2/summary.json"];
    const healthy: Record<string, string> = {};
    for (const path of paths) {
      const res = await get(path);
      assert.equal(res.status, 200, `${path}: ${res.text}`);
      assert.equal(res.headers.get("beacon-stale"), null);
      healthy[path] = res.text;
    }
    assert.ok(JSON.parse(healthy["/api/v2/summary.json"]).components.some((c: { name: string }) => c.name === "Checkout"));

    console.error = () => {};
    await proxy.refuse();
    await new Promise((r) => setTimeout(r, 2200)); // past the fresh window: every answer needs the database now
    for (const path of paths) {
      const res = await get(path);
      assert.equal(res.status, 200, `${path} during the outage: ${res.text}`);
      assert.equal(res.text, healthy[path], `${path}: the last good copy`);
      assert.ok(Number(res.headers.get("age")) >= 2, `${path}: Age ${res.headers.get("age")}`);
      assert.match(res.headers.get("beacon-stale") ?? "", /^\d+; reason="database unavailable"$/);
    }
    // No copy yet for this one: the 503, not a 500.
    const never = await get("/feed.rss?component=1");
    assert.equal(never.status, 503);
    assert.ok(Number(never.headers.get("retry-after")) > 0);
    // The v1 API serves no stale copy: 503 as before.
    assert.equal((await get("/api/v1/components")).status, 503);

    await proxy.pass();
    console.error = quiet;
    const started = Date.now();
    for (;;) {
      const res = await get("/api/v2/summary.json");
      if (res.status === 200 && res.headers.get("beacon-stale") === null) break;
      assert.ok(Date.now() - started < 8000, "recovered within 8 s");
      await new Promise((r) => setTimeout(r, 200));
    }
  });
});
