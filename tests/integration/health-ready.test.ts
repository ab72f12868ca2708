// GET /api/health (liveness: constant, touches no database) and GET /api/ready (readiness: the database
// answers within BEACON_READY_TIMEOUT_MS, else 503 + Retry-After with API.md's body).
import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { describeDb, testApp } from "../helpers/app.ts";
import * as health from "../../app/api/health/route.ts";
import * as ready from "../../app/api/ready/route.ts";
import { disconnectDb } from "../../lib/db.ts";
import { beginShutdown } from "../../lib/shutdown.ts";

const req = (path: string, method = "GET") => new Request(`http://beacon.test${path}`, { method });

/** Runs `fn` with DATABASE_URL pointing elsewhere, restoring the test database afterwards. */
async function withDatabaseUrl(url: string, fn: () => Promise<void>) {
  const original = process.env.DATABASE_URL;
  await disconnectDb();
  process.env.DATABASE_URL = url;
  const error = console.error;
  console.error = () => {};
  try {
    await fn();
  } finally {
    console.error = error;
    await disconnectDb().catch(() => {});
    process.env.DATABASE_URL = original;
  }
}

describeDb("health and readiness probes", () => {
  test("/api/health answers a constant JSON, HEAD without a body, other methods a JSON 405", async () => {
    await testApp();
    const res = await health.GET(req("/api/health"));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok" });
    assert.equal(res.headers.get("cache-control"), "no-store");
    const head = await health.HEAD(req("/api/health", "HEAD"));
    assert.equal(head.status, 200);
    assert.equal(await head.text(), "");
    const post = health.POST(req("/api/health", "POST"));
    assert.equal(post.status, 405);
    assert.deepEqual(await post.json(), { detail: 'Method "POST" not allowed.' });
    assert.equal(post.headers.get("allow"), "GET, HEAD, OPTIONS");
  });

  test("/api/ready is 200 while the database answers", async () => {
    await testApp();
    const res = await ready.GET(req("/api/ready"));
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, "ok");
    assert.equal(body.database, "ok");
    assert.equal(typeof body.latency_ms, "number");
  });

  test("the database refusing connections: /api/ready is 503 + Retry-After, /api/health still 200", async () => {
    await testApp();
    await withDatabaseUrl("postgresql://postgres@127.0.0.1:1/nothing", async () => {
      const res = await ready.GET(req("/api/ready"));
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), { detail: "Service temporarily unavailable." });
      assert.equal(res.headers.get("retry-after"), "5");
      assert.equal((await health.GET(req("/api/health"))).status, 200);
    });
  });

  test("a database that accepts but never answers: /api/ready gives up after BEACON_READY_TIMEOUT_MS", async () => {
    await testApp();
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    process.env.BEACON_READY_TIMEOUT_MS = "300";
    try {
      await withDatabaseUrl(`postgresql://postgres@127.0.0.1:${port}/stalled`, async () => {
        const started = Date.now();
        const res = await ready.GET(req("/api/ready"));
        const took = Date.now() - started;
        assert.equal(res.status, 503);
        assert.deepEqual(await res.json(), { detail: "Service temporarily unavailable." });
        assert.ok(took >= 250 && took < 2000, `answered after ${took} ms`);
      });
    } finally {
      delete process.env.BEACON_READY_TIMEOUT_MS;
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  // Last in this file: the drain cannot be undone in this process.
  test("draining after SIGTERM: /api/ready is 503 while the database still answers, /api/health 200", async () => {
    await testApp();
    assert.equal((await ready.GET(req("/api/ready"))).status, 200);
    beginShutdown();
    const res = await ready.GET(req("/api/ready"));
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "5");
    assert.equal((await health.GET(req("/api/health"))).status, 200);
  });
});
