// The outbox worker while PostgreSQL is away (a TCP proxy of this test's own refuses, then cuts every
// connection): it says so once in the log instead of once per poll, keeps polling, and once the database
// is back it sends what was committed, with no restart.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { createTestDatabase, PG_ADMIN_URL, postgresUnavailable, TEST_DB_KIND, type TestDatabase } from "../helpers/database.ts";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.ts";
import { startReceiver, type Receiver } from "../helpers/webhook-receiver.ts";
import type { OutboxWorker } from "../../lib/outbox/worker.ts";

const skip =
  TEST_DB_KIND !== "postgresql" ? "PostgreSQL outage test: runs in the PostgreSQL pass (BEACON_TEST_DB=postgresql)" : await postgresUnavailable();
if (skip) console.log(`# skipped: ${skip}`);

process.env.BEACON_PG_CONNECT_TIMEOUT_MS = "1000";
process.env.BEACON_PG_STATEMENT_TIMEOUT_MS = "1500";
process.env.BEACON_WEBHOOK_ALLOW_PRIVATE = "1";

describe("outbox worker through a PostgreSQL outage", { skip: skip ?? false }, () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let receiver: Receiver;
  let worker: OutboxWorker;
  const log: string[] = [];

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
    const { runSetup } = await import("../../lib/setup.ts");
    await runSetup();
    receiver = await startReceiver();
    const { startNotifications } = await import("../../lib/notifications/index.ts");
    worker = startNotifications({ config: { pollMs: 100, retryBaseMs: 100, retryMaxMs: 300 }, log: (line) => log.push(line) });
  });

  after(async () => {
    await worker?.stop();
    await receiver?.close();
    const { disconnectDb } = await import("../../lib/db.ts");
    await disconnectDb().catch(() => {});
    await proxy?.close();
    await database?.drop();
  });

  test("database refused and cut: one log line, then what was committed is sent once it is back", async () => {
    const { db } = await import("../../lib/db.ts");
    const { encryptSecret, generateSecret } = await import("../../lib/webhooks/secret.ts");
    const { createIncident } = await import("../../lib/incidents/index.ts");
    const secret = generateSecret();
    await db.webhook.create({ data: { url: receiver.url, events: JSON.stringify(["incident.created"]), secret: encryptSecret(secret) } });

    await proxy.refuse();
    proxy.cut();
    await new Promise((r) => setTimeout(r, 2500)); // about 20 polls
    const failures = log.filter((l) => l.startsWith("outbox: pass failed"));
    assert.equal(failures.length, 1, log.join("\n"));
    assert.ok(!log.join("\n").includes(secret.slice(6)), "no secret in the log");
    await proxy.pass();

    const admin = await db.user.findFirstOrThrow({ select: { id: true } });
    await createIncident({ user: { id: admin.id } } as Parameters<typeof createIncident>[0], { name: "After the outage" } as Parameters<typeof createIncident>[1]);
    const [receipt] = await receiver.waitFor(1, 20_000);
    const payload = new Webhook(secret).verify(receipt.body, receipt.headers) as { data: { incident: { name: string } } };
    assert.equal(payload.data.incident.name, "After the outage");
    // Said when the pass that sent it returns, which may be a moment after the receiver has it.
    const until = Date.now() + 5000;
    while (!log.includes("outbox: working again") && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.ok(log.includes("outbox: working again"), log.join("\n"));
  });
});
