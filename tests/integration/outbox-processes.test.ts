// The outbox across real processes: a process killed mid-send, or between the change and the send, still
// gets its message delivered after a restart; two instances on one database deliver every message
// exactly once (receipts counted by webhook-id).
import { after, before, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { startOutboxInstance, type OutboxInstance } from "../helpers/outbox-instance.ts";
import { eventually, startReceiver, type Receiver } from "../helpers/webhook-receiver.ts";
import { db } from "../../lib/db.ts";

let app: TestApp;
let admin: Record<string, string>;
let receiver: Receiver;
const instances: OutboxInstance[] = [];

async function instance(): Promise<OutboxInstance> {
  const child = await startOutboxInstance();
  instances.push(child);
  return child;
}

async function register() {
  const res = await app.call("POST", "/api/v1/webhooks", { headers: admin, json: { url: receiver.url, events: ["incident.created"] } });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: number; secret: string };
}

describeDb("outbox across processes", () => {
  before(async () => {
    process.env.BEACON_WEBHOOK_ALLOW_PRIVATE = "1";
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });
  beforeEach(async () => {
    await receiver?.close();
    receiver = await startReceiver();
    await db.webhook.deleteMany({});
    await db.outboxEvent.deleteMany({}); // each test counts only its own events' deliveries
  });
  after(async () => {
    await Promise.all(instances.map((i) => i.kill()));
    await receiver?.close();
  });

  test("a worker killed mid-send (SIGKILL) leaves the delivery to be retried: a restarted one delivers it, same webhook-id", async () => {
    const hook = await register();
    receiver.respondWith("hang");
    const first = await instance();
    await first.ask({ start: { pollMs: 50, leaseMs: 1500 } });
    await app.call("POST", "/api/v1/incidents", { headers: admin, json: { name: "Killed mid-send" } });
    const [hung] = await receiver.waitFor(1);
    await first.kill();
    const row = await db.outboxDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });
    assert.equal(row.status, "sending", "the dead worker's claim is still there");
    receiver.respondWith(204);
    const second = await instance();
    await second.ask({ start: { pollMs: 50, leaseMs: 1500 } });
    const receipts = await receiver.waitFor(2);
    assert.equal(receipts[1].headers["webhook-id"], hung.headers["webhook-id"]);
    const payload = new Webhook(hook.secret).verify(receipts[1].body, receipts[1].headers) as { data: { incident: { name: string } } };
    assert.equal(payload.data.incident.name, "Killed mid-send");
    const sent = await eventually(() => db.outboxDelivery.findFirst({ where: { webhookId: hook.id, status: "sent" } }));
    assert.equal(sent.attempts, 2);
    await second.stop();
  });

  test("a process killed right after its change committed, before any send: the change's event is delivered after a restart", async () => {
    const hook = await register();
    const doomed = await instance(); // no worker running in it
    const { id, http_status } = await doomed.ask({ incident: "Killed before the send", token: app.adminToken });
    assert.equal(http_status, 201);
    await doomed.kill();
    assert.equal(receiver.receipts.length, 0);
    assert.equal(await db.outboxEvent.count({ where: { dispatchedAt: null } }), 1);
    const restarted = await instance();
    await restarted.ask({ start: { pollMs: 50 } });
    const [receipt] = await receiver.waitFor(1);
    const payload = new Webhook(hook.secret).verify(receipt.body, receipt.headers) as { data: { incident: { id: number } } };
    assert.equal(payload.data.incident.id, id);
    await restarted.stop();
  });

  test("two instances on one database deliver each message exactly once", async () => {
    await register();
    receiver.respondWith(204, 15);
    const [a, b] = await Promise.all([instance(), instance()]);
    await Promise.all([a.ask({ start: { pollMs: 20, concurrency: 4 } }), b.ask({ start: { pollMs: 20, concurrency: 4 } })]);
    const N = 40;
    for (let i = 0; i < N; i++) await app.call("POST", "/api/v1/incidents", { headers: admin, json: { name: `Burst ${i}` } });
    await receiver.waitFor(N, 30_000);
    await eventually(async () => (await db.outboxDelivery.count({ where: { status: "sent" } })) >= N, 10_000, "all sent");
    await new Promise((r) => setTimeout(r, 500)); // a duplicate would arrive now
    const ids = receiver.receipts.map((r) => r.headers["webhook-id"]);
    assert.equal(new Set(ids).size, N);
    assert.equal(ids.length, N, "no message was delivered twice");
    const rows = await db.outboxDelivery.findMany({ select: { attempts: true, status: true } });
    assert.ok(rows.every((r) => r.attempts === 1 && r.status === "sent"));
    await Promise.all([a.stop(), b.stop()]);
  });
});
