// /api/v1/webhooks and their deliveries through the outbox: a real receiver on an ephemeral port verifies
// every delivery with the standardwebhooks package; retries after the receiver was down; redelivery keeps
// the webhook-id; secret rotation signs twice; failing endpoints are disabled with a reason; SSRF refusals
// at registration and at send time; permissions; secrets never shown again nor audited.
import { after, before, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { eventually, startReceiver, type Receiver } from "../helpers/webhook-receiver.ts";
import { db } from "../../lib/db.ts";
import { startNotifications } from "../../lib/notifications/index.ts";
import type { OutboxWorker } from "../../lib/outbox/worker.ts";
import { WebhookOut } from "../../lib/validation/webhooks.ts";

let app: TestApp;
let admin: Record<string, string>;
let receiver: Receiver;
let worker: OutboxWorker;
const BASE = "/api/v1/webhooks";
const FAST = { pollMs: 50, retryBaseMs: 150, retryMaxMs: 400, leaseMs: 5000 };

async function register(events: string[] = ["incident.created"], url = receiver.url) {
  const res = await app.call("POST", BASE, { headers: admin, json: { url, events, description: "test receiver" } });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: number; secret: string; url: string };
}

async function newIncident(name = `Incident ${Math.random().toString(36).slice(2, 8)}`, fields: Record<string, unknown> = {}) {
  const res = await app.call("POST", "/api/v1/incidents", { headers: admin, json: { name, ...fields } });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: number; name: string };
}

const deliveriesOf = async (id: number) => (await app.call("GET", `${BASE}/${id}/deliveries`, { headers: admin })).body.results as Record<string, any>[];

describeDb("webhooks", () => {
  before(async () => {
    process.env.BEACON_WEBHOOK_ALLOW_PRIVATE = "1";
    app = await testApp();
    admin = tokenHeader(app.adminToken);
    worker = startNotifications({ config: FAST, log: () => {} });
  });
  after(async () => {
    await worker.stop();
    await receiver?.close();
  });
  beforeEach(async () => {
    process.env.BEACON_WEBHOOK_ALLOW_PRIVATE = "1";
    await receiver?.close();
    receiver = await startReceiver();
    // Each test sees only its own endpoints.
    await db.webhook.deleteMany({});
  });

  test("a delivery carries the Standard Webhooks headers and verifies with the standardwebhooks package", async () => {
    const hook = await register(["incident.created"]);
    assert.match(hook.secret, /^whsec_[A-Za-z0-9+/=]{32}$/);
    const incident = await newIncident("Database is slow");
    const [receipt] = await receiver.waitFor(1);
    assert.match(receipt.headers["webhook-id"], /^msg_[0-9a-f]{32}$/);
    assert.match(receipt.headers["webhook-timestamp"], /^\d{10}$/);
    assert.match(receipt.headers["webhook-signature"], /^v1,[A-Za-z0-9+/=]+$/);
    assert.equal(receipt.headers["content-type"], "application/json");
    const payload = new Webhook(hook.secret).verify(receipt.body, receipt.headers) as { type: string; timestamp: string; data: any };
    assert.equal(payload.type, "incident.created");
    assert.equal(payload.data.incident.id, incident.id);
    assert.equal(payload.data.incident.name, "Database is slow");
    assert.ok(!Number.isNaN(Date.parse(payload.timestamp)));
    // Another secret, or a changed body, does not verify.
    assert.throws(() => new Webhook(`whsec_${Buffer.alloc(24, 1).toString("base64")}`).verify(receipt.body, receipt.headers));
    assert.throws(() => new Webhook(hook.secret).verify(receipt.body.replace("slow", "fast"), receipt.headers));
    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(hook.id);
      return list[0]?.status === "sent" ? list : null;
    });
    assert.equal(delivery.message_id, receipt.headers["webhook-id"]);
    assert.equal(delivery.event_type, "incident.created");
    assert.equal(delivery.attempts, 1);
    assert.equal(delivery.response_status, 204);
    assert.equal(delivery.next_attempt_at, null);
    assert.ok(delivery.sent_at);
  });

  test("only the events an endpoint chose reach it; component.status_changed says from and to", async () => {
    await register(["component.status_changed", "incident.resolved"]);
    const component = (await app.call("POST", "/api/v1/components", { headers: admin, json: { name: "API", status: 1 } })).body;
    const incident = await newIncident("Outage", { component_id: component.id, component_status: 4 });
    await app.call("PATCH", `/api/v1/incidents/${incident.id}`, { headers: admin, json: { status: 4 } });
    await app.call("PATCH", `/api/v1/components/${component.id}`, { headers: admin, json: { status: 1 } });
    await app.call("PATCH", `/api/v1/components/${component.id}`, { headers: admin, json: { description: "no status change" } });
    const receipts = await receiver.waitFor(3);
    await new Promise((r) => setTimeout(r, 300));
    const types = receipts.map((r) => JSON.parse(r.body)).map((p) => [p.type, p.data.from?.status, p.data.to?.status]);
    assert.deepEqual(types.sort(), [
      ["component.status_changed", 1, 4],
      ["component.status_changed", 4, 1],
      ["incident.resolved", undefined, undefined],
    ]);
  });

  test("receiver down, then up: delivered after a retry, with the same webhook-id", async () => {
    const hook = await register();
    await receiver.down();
    await newIncident();
    const failed = await eventually(async () => (await deliveriesOf(hook.id)).find((d) => d.attempts >= 1 && d.status === "queued" && d.last_error), 10_000, "a failed attempt");
    assert.match(failed.last_error, /ECONNREFUSED|refused/i);
    assert.ok(failed.next_attempt_at, "the next attempt is scheduled");
    await receiver.up();
    const [receipt] = await receiver.waitFor(1);
    assert.equal(receipt.headers["webhook-id"], failed.message_id);
    const sent = await eventually(async () => (await deliveriesOf(hook.id)).find((d) => d.status === "sent"));
    assert.ok(sent.attempts >= 2, `attempts: ${sent.attempts}`);
  });

  test("redeliver sends the same message again; unknown ones are 404s", async () => {
    const hook = await register();
    await newIncident();
    await receiver.waitFor(1);
    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(hook.id);
      return list[0]?.status === "sent" ? list : null;
    });
    const res = await app.call("POST", `${BASE}/${hook.id}/deliveries/${delivery.id}/redeliver`, { headers: admin });
    assert.equal(res.status, 202, res.text);
    assert.ok(["queued", "sending", "sent"].includes(res.body.status), res.body.status); // the worker may be quicker than the answer
    const receipts = await receiver.waitFor(2);
    assert.equal(receipts[1].headers["webhook-id"], receipts[0].headers["webhook-id"]);
    assert.equal((await app.call("POST", `${BASE}/${hook.id}/deliveries/999999/redeliver`, { headers: admin })).status, 404);
    assert.equal((await app.call("GET", `${BASE}/999999/deliveries`, { headers: admin })).status, 404);
  });

  test("rotate-secret: a new secret shown once; for a while deliveries verify with the old and the new one", async () => {
    const hook = await register();
    const rotated = await app.call("POST", `${BASE}/${hook.id}/rotate-secret`, { headers: admin });
    assert.equal(rotated.status, 200, rotated.text);
    assert.match(rotated.body.secret, /^whsec_/);
    assert.notEqual(rotated.body.secret, hook.secret);
    await newIncident();
    const [receipt] = await receiver.waitFor(1);
    assert.equal(receipt.headers["webhook-signature"].split(" ").length, 2);
    new Webhook(rotated.body.secret).verify(receipt.body, receipt.headers);
    new Webhook(hook.secret).verify(receipt.body, receipt.headers);
  });

  test("an endpoint whose deliveries keep failing is disabled, with the reason in its GET; enabling clears it", async () => {
    await worker.stop();
    const strict = startNotifications({ config: { ...FAST, retryWindowMs: 0 }, log: () => {} });
    process.env.BEACON_WEBHOOK_DISABLE_AFTER_FAILURES = "2";
    try {
      const hook = await register();
      receiver.respondWith(500);
      await newIncident();
      await newIncident();
      const disabled = await eventually(async () => {
        const res = await app.call("GET", `${BASE}/${hook.id}`, { headers: admin });
        return res.body.enabled === false ? res.body : null;
      });
      assert.match(disabled.disabled_reason, /2 deliveries in a row failed.*HTTP 500/);
      assert.ok(disabled.disabled_at);
      const failed = await deliveriesOf(hook.id);
      assert.deepEqual(failed.map((d) => [d.status, d.response_status]), [["failed", 500], ["failed", 500]]);
      assert.match(failed[0].last_error, /HTTP 500: receiver says no/);
      // No new deliveries for a disabled endpoint, and no redelivery until it is enabled again.
      await newIncident();
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await deliveriesOf(hook.id)).length, 2);
      assert.equal((await app.call("POST", `${BASE}/${hook.id}/deliveries/${failed[0].id}/redeliver`, { headers: admin })).status, 409);
      const enabled = await app.call("PATCH", `${BASE}/${hook.id}`, { headers: admin, json: { enabled: true } });
      assert.equal(enabled.body.enabled, true);
      assert.equal(enabled.body.disabled_reason, null);
    } finally {
      delete process.env.BEACON_WEBHOOK_DISABLE_AFTER_FAILURES;
      await strict.stop();
      worker = startNotifications({ config: FAST, log: () => {} });
    }
  });

  test("SSRF: private, loopback, link-local, CGNAT, unique-local and metadata targets are refused at registration", async () => {
    delete process.env.BEACON_WEBHOOK_ALLOW_PRIVATE;
    for (const url of [
      "http://127.0.0.1/hook",
      "http://localhost:8080/hook",
      "http://10.1.2.3/",
      "http://172.16.0.1/",
      "http://192.168.1.1/",
      "http://100.64.0.1/",
      "http://169.254.169.254/latest/meta-data/",
      "http://0.0.0.0/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:a9fe:a9fe]/",
      "http://[fd00:ec2::254]/",
      "http://[fe80::1]/",
      "http://2130706433/",
      "http://0x7f.1/",
    ]) {
      const res = await app.call("POST", BASE, { headers: admin, json: { url, events: ["incident.created"] } });
      assert.equal(res.status, 400, `${url}: ${res.text}`);
      assert.equal(res.body.detail, "Validation failed.");
      assert.match(res.body.errors.url[0], /public addresses only|could not be resolved/, url);
    }
    for (const [json, field] of [
      [{ url: "ftp://example.com/", events: ["incident.created"] }, "url"],
      [{ url: "not a url", events: ["incident.created"] }, "url"],
      [{ url: "https://user:pw@example.com/", events: ["incident.created"] }, "url"],
      [{ url: "https://example.com/", events: ["incident.exploded"] }, "events"],
      [{ url: "https://example.com/", events: [] }, "events"],
    ] as const) {
      const res = await app.call("POST", BASE, { headers: admin, json });
      assert.equal(res.status, 400, res.text);
      assert.ok(Object.keys(res.body.errors).some((k) => k === field || k.startsWith(`${field}.`)), `${JSON.stringify(json)}: ${res.text}`);
    }
    assert.equal(await db.webhook.count(), 0);
  });

  test("SSRF at send time: an endpoint that now points at a private address is not called", async () => {
    const hook = await register();
    delete process.env.BEACON_WEBHOOK_ALLOW_PRIVATE;
    await newIncident();
    const delivery = await eventually(async () => (await deliveriesOf(hook.id)).find((d) => d.last_error));
    assert.match(delivery.last_error, /127\.0\.0\.1, a loopback address/);
    assert.equal(receiver.receipts.length, 0);
  });

  test("anonymous is 401, a non-admin is 403, webhooks can never be public", async () => {
    assert.equal((await app.call("GET", BASE)).status, 401);
    assert.equal((await app.call("POST", BASE, { json: { url: receiver.url, events: ["incident.created"] } })).status, 401);
    const editor = await seedUser({ role: "Editor" });
    const editorHeaders = tokenHeader((await seedToken(editor.id)).key);
    assert.equal((await app.call("GET", BASE, { headers: editorHeaders })).status, 403);
    assert.equal((await app.call("POST", BASE, { headers: editorHeaders, json: { url: receiver.url, events: ["incident.created"] } })).status, 403);
    const hook = await register();
    for (const [method, path] of [["GET", `${BASE}/${hook.id}`], ["DELETE", `${BASE}/${hook.id}`], ["POST", `${BASE}/${hook.id}/rotate-secret`], ["GET", `${BASE}/${hook.id}/deliveries`]] as const) {
      assert.equal((await app.call(method, path, { headers: editorHeaders })).status, 403, `${method} ${path}`);
      assert.equal((await app.call(method, path)).status, 401, `${method} ${path}`);
    }
    // A role with webhooks:read cannot become the public API role.
    const role = await app.call("POST", "/api/v1/roles", { headers: admin, json: { name: `Hooks ${Date.now()}`, permissions: ["webhooks:read", "incidents:read"] } });
    assert.equal(role.status, 201, role.text);
    const settings = await app.call("PATCH", "/api/v1/settings", { headers: admin, json: { public_role_id: role.body.id } });
    assert.equal(settings.status, 400, settings.text);
    assert.deepEqual(settings.body.errors.public_role_id, ["The public API role cannot grant access to webhooks."]);
  });

  test("the secret is in the create and rotate answers only: never in reads, lists, the audit log or the table in clear", async () => {
    const hook = await register();
    const rotated = (await app.call("POST", `${BASE}/${hook.id}/rotate-secret`, { headers: admin })).body;
    await app.call("PATCH", `${BASE}/${hook.id}`, { headers: admin, json: { description: "changed" } });
    const read = await app.call("GET", `${BASE}/${hook.id}`, { headers: admin });
    WebhookOut.strict().parse(read.body);
    const listed = await app.call("GET", BASE, { headers: admin });
    const html = await app.call("GET", `${BASE}/${hook.id}`, { headers: { ...admin, accept: "text/html" } });
    const audit = JSON.stringify(await db.auditEvent.findMany({ where: { targetType: "webhook" } }));
    assert.match(audit, /webhook\.create/);
    assert.match(audit, /webhook\.rotate_secret/);
    const stored = JSON.stringify(await db.webhook.findMany({ omit: { secret: false, previousSecret: false } }));
    for (const secret of [hook.secret, rotated.secret]) {
      const raw = secret.slice("whsec_".length);
      for (const [where, text] of [["read", read.text], ["list", listed.text], ["html", html.text], ["audit", audit], ["table", stored]]) {
        assert.ok(!text.includes(raw), `secret found in ${where}`);
      }
    }
  });
});
