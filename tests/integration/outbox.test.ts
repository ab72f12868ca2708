// The outbox core, below any sender: events exist exactly when their change commits, fan-out is
// idempotent (one delivery per event and target, however many workers fan out at once), attempts back
// off and end `failed` after the retry window, and a worker that lost its lease writes nothing.
import { before, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp } from "../helpers/app.ts";
import { db } from "../../lib/db.ts";
import { recordEvent } from "../../lib/outbox/events.ts";
import { claimDue, dispatchEvents, settle } from "../../lib/outbox/store.ts";
import type { DeliveryKind } from "../../lib/outbox/types.ts";

// A sender kind of this test's own: two targets per event; sending is done by the test by hand.
const KIND: DeliveryKind = {
  kind: "test",
  targets: async (event) => [{ target: `test:a:${event.id}` }, { target: `test:b:${event.id}` }],
  send: async () => ({ ok: true }),
};
const CONFIG = { retryWindowMs: 3600_000, leaseMs: 60_000, retryBaseMs: 1000, retryMaxMs: 10_000 };

describeDb("outbox core", () => {
  before(async () => {
    await testApp();
  });
  beforeEach(async () => {
    await db.outboxDelivery.deleteMany({});
    await db.outboxEvent.deleteMany({});
  });

  test("an event is written with its change, or not at all", async () => {
    await assert.rejects(
      db.$transaction(async (tx) => {
        await tx.component.create({ data: { name: "Doomed", nameLower: "doomed" } });
        await recordEvent(tx, "component.status_changed", { component: { name: "Doomed" } });
        throw new Error("the change fails after the event was recorded");
      }),
      /the change fails/,
    );
    assert.equal(await db.outboxEvent.count(), 0);
    assert.equal(await db.component.count({ where: { name: "Doomed" } }), 0);
  });

  test("fanning out twice, or in parallel, makes one delivery per event and target, each with its own message id", async () => {
    await db.$transaction(async (tx) => {
      await recordEvent(tx, "incident.created", { n: 1 });
      await recordEvent(tx, "incident.created", { n: 2 });
    });
    // Two workers meeting the same undispatched events.
    await Promise.all([dispatchEvents([KIND], CONFIG), dispatchEvents([KIND], CONFIG)]);
    await db.outboxEvent.updateMany({ data: { dispatchedAt: null } });
    await dispatchEvents([KIND], CONFIG);
    const rows = await db.outboxDelivery.findMany({ select: { target: true, messageId: true } });
    assert.equal(rows.length, 4);
    assert.equal(new Set(rows.map((r) => r.target)).size, 4);
    assert.equal(new Set(rows.map((r) => r.messageId)).size, 4);
    assert.equal(await db.outboxEvent.count({ where: { dispatchedAt: null } }), 0);
  });

  test("a failed attempt is retried later with backoff; past the retry window it is failed for good", async () => {
    await db.$transaction((tx) => recordEvent(tx, "incident.created", {}));
    await dispatchEvents([KIND], CONFIG);
    const claims = await claimDue(["test"], CONFIG, 10);
    assert.equal(claims.length, 2);
    assert.deepEqual(await claimDue(["test"], CONFIG, 10), [], "claimed rows are not due for anyone else");
    const before = Date.now();
    assert.deepEqual(await settle(claims[0], { ok: false, error: "HTTP 503" }, CONFIG), { written: true, settled: false });
    const retry = await db.outboxDelivery.findUniqueOrThrow({ where: { id: claims[0].delivery.id } });
    assert.equal(retry.status, "queued");
    assert.equal(retry.attempts, 1);
    assert.equal(retry.lastError, "HTTP 503");
    const wait = retry.nextAttemptAt.getTime() - before;
    assert.ok(wait >= 700 && wait <= 1300, `first retry after ${wait} ms`);
    // The window closes: the next failure is final.
    await db.outboxDelivery.update({ where: { id: claims[1].delivery.id }, data: { retryUntil: new Date(Date.now() - 1) } });
    const late = { ...claims[1], retryUntil: new Date(Date.now() - 1) };
    assert.deepEqual(await settle(late, { ok: false, error: "timed out" }, CONFIG), { written: true, settled: true });
    assert.equal((await db.outboxDelivery.findUniqueOrThrow({ where: { id: claims[1].delivery.id } })).status, "failed");
  });

  test("an expired lease is taken over, and the worker that lost it writes nothing", async () => {
    await db.$transaction((tx) => recordEvent(tx, "incident.created", {}));
    await dispatchEvents([KIND], CONFIG);
    const [first] = await claimDue(["test"], { leaseMs: 1 }, 1);
    await new Promise((r) => setTimeout(r, 20));
    const [second] = await claimDue(["test"], CONFIG, 1);
    assert.equal(second.delivery.id, first.delivery.id);
    assert.equal(second.delivery.messageId, first.delivery.messageId);
    assert.equal(second.delivery.attempts, 2);
    assert.deepEqual(await settle(first, { ok: false, error: "late" }, CONFIG), { written: false, settled: false });
    assert.deepEqual(await settle(second, { ok: true, responseStatus: 200 }, CONFIG), { written: true, settled: true });
    const row = await db.outboxDelivery.findUniqueOrThrow({ where: { id: first.delivery.id } });
    assert.equal(row.status, "sent");
    assert.equal(row.lastError, null);
  });
});
