// E-mail subscriptions end to end, with a real SMTP server in the process and the real outbox worker:
// subscribe → confirmation mail → confirm → an incident mails exactly the verified subscribers whose
// components it affects → unsubscribing (API and RFC 8058 one-click) stops them. Also: e-mail off (503,
// nothing queued), no enumeration, throttling, refused links, the purge of unconfirmed subscribers.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser, uniqueEmail } from "../helpers/fixtures.ts";
import { linksIn, startSmtpCapture, type CapturedMail, type SmtpCapture } from "../helpers/smtp.ts";
import { db } from "../../lib/db.ts";
import { startOutboxWorker, type OutboxWorker } from "../../lib/outbox/worker.ts";
import { recordEvent, wakeOutbox } from "../../lib/outbox/events.ts";
import { EMAIL_DELIVERY } from "../../lib/notifications/email.ts";
import { ACCEPTED_DETAIL, EXPIRED_LINK, INVALID_LINK, MAIL_OFF_DETAIL, confirmCode, manageCode, purgeUnconfirmed } from "../../lib/subscriptions/index.ts";
import { closeMail } from "../../lib/mail/transport.ts";
import { queueTokenExpiryReminders } from "../../lib/notifications/token-reminders.ts";

let app: TestApp;
let admin: Record<string, string>;
let smtp: SmtpCapture;
let worker: OutboxWorker;
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

const PUBLIC_URL = "http://status.example.test";

async function makeComponent(name = `Component ${Math.random().toString(36).slice(2, 8)}`) {
  const res = await app.call("POST", "/api/v1/components", { headers: admin, json: { name, status: 1 } });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: number; name: string };
}

async function subscribe(email: string, componentIds?: number[], ip = freshIp()) {
  return app.call("POST", "/api/v1/subscriptions", { ip, json: { email, ...(componentIds ? { component_ids: componentIds } : {}) } });
}

const to = (email: string) => (m: CapturedMail) => m.to.includes(email);
const codeOf = (url: string) => new URL(url).searchParams.get("code")!;

/** Subscribes and confirms by the link of the mail; returns the confirmation mail. */
async function subscribed(email: string, componentIds?: number[]) {
  const res = await subscribe(email, componentIds);
  assert.equal(res.status, 202, res.text);
  const [mail] = await smtp.waitFor(to(email));
  const [link] = linksIn(mail, "/subscribe/confirm");
  assert.ok(link, mail.text);
  const confirmed = await app.call("POST", "/api/v1/subscriptions/confirm", { json: { code: codeOf(link) } });
  assert.equal(confirmed.status, 200, confirmed.text);
  return mail;
}

/** Lets the worker finish everything queued, then a little more, so that a mail that should not come has had its chance. */
async function settle() {
  await worker.drained();
  await worker.drained();
}

describeDb("e-mail subscriptions", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
    smtp = await startSmtpCapture();
    process.env.BEACON_SMTP_URL = smtp.url;
    process.env.BEACON_MAIL_FROM = "Status <status@example.test>";
    process.env.BEACON_PUBLIC_URL = PUBLIC_URL;
    worker = startOutboxWorker({ kinds: [EMAIL_DELIVERY], config: { pollMs: 50, retryBaseMs: 100, retryMaxMs: 200 }, log: () => {} });
  });
  after(async () => {
    await worker?.stop();
    closeMail();
    await smtp?.close();
  });

  test("without BEACON_SMTP_URL: 503 with a clear detail, nothing stored or queued", async () => {
    const saved = process.env.BEACON_SMTP_URL;
    delete process.env.BEACON_SMTP_URL;
    try {
      const email = uniqueEmail("off");
      const [subscribers, deliveries] = [await db.subscriber.count(), await db.outboxDelivery.count()];
      const res = await subscribe(email);
      assert.equal(res.status, 503);
      assert.deepEqual(res.body, { detail: MAIL_OFF_DETAIL });
      assert.equal(await db.subscriber.count(), subscribers);
      assert.equal(await db.outboxDelivery.count(), deliveries);
      // An smtp URL that is not one (a typo) is off too, and never echoed.
      process.env.BEACON_SMTP_URL = "smpt://user:secret-pass@mail";
      const typo = await subscribe(email);
      assert.equal(typo.status, 503);
      assert.doesNotMatch(typo.text, /secret-pass/);
    } finally {
      process.env.BEACON_SMTP_URL = saved;
    }
  });

  test("subscribe, confirm, then one mail per matching verified subscriber; unsubscribing by link and one-click stops them", async () => {
    const [api, web] = [await makeComponent("API"), await makeComponent("Website")];
    const alice = uniqueEmail("alice"); // API only
    const bob = uniqueEmail("bob"); // everything
    const carol = uniqueEmail("carol"); // Website only
    const dave = uniqueEmail("dave"); // API, never confirms

    const res = await subscribe(alice, [api.id]);
    assert.deepEqual([res.status, res.body], [202, { detail: ACCEPTED_DETAIL }]);
    const [confirmation] = await smtp.waitFor(to(alice));
    assert.equal(confirmation.from, "status@example.test");
    assert.match(confirmation.subject, /Confirm your subscription to Beacon/);
    assert.match(confirmation.text, /about API at this address/);
    const [link] = linksIn(confirmation, "/subscribe/confirm");
    assert.ok(link.startsWith(`${PUBLIC_URL}/subscribe/confirm?code=`), link);
    assert.match(confirmation.html, /href="http:\/\/status\.example\.test\/subscribe\/confirm\?code=/);
    let confirmed = await app.call("POST", "/api/v1/subscriptions/confirm", { json: { code: codeOf(link) } });
    assert.equal(confirmed.status, 200, confirmed.text);
    assert.deepEqual([confirmed.body.email, confirmed.body.component_ids], [alice, [api.id]]);
    assert.ok(confirmed.body.verified_at);
    // Opening the link again is harmless.
    confirmed = await app.call("POST", "/api/v1/subscriptions/confirm", { json: { code: codeOf(link) } });
    assert.equal(confirmed.status, 200);

    await subscribed(bob);
    await subscribed(carol, [web.id]);
    assert.equal((await subscribe(dave, [api.id])).status, 202);
    await smtp.waitFor(to(dave));
    // The admin API sees them all, dave unverified.
    const listed = await app.call("GET", `/api/v1/subscribers?email=${encodeURIComponent(dave)}`, { headers: admin });
    assert.equal(listed.body.results[0].verified_at, null);

    const before = smtp.mails.length;
    const incident = await app.call("POST", "/api/v1/incidents", {
      headers: admin,
      json: { name: "API <script>alert(1)</script> errors", message: "We are **investigating** <img src=x onerror=alert(1)>.", status: 1, component_id: api.id, component_status: 3 },
    });
    assert.equal(incident.status, 201, incident.text);
    const toAlice = await smtp.waitFor(to(alice), 2);
    await smtp.waitFor(to(bob), 2);
    await settle();
    const sent = smtp.mails.slice(before);
    assert.deepEqual(sent.map((m) => m.to[0]).sort(), [alice, bob].sort(), "exactly one mail each to alice and bob, none to carol or dave");
    // Not even queued for the unverified one: the fan-out skips him (and the sender would refuse too).
    const daveRow = await db.subscriber.findUniqueOrThrow({ where: { email: dave } });
    assert.equal(await db.outboxDelivery.count({ where: { target: `subscriber:${daveRow.id}`, eventId: { not: null } } }), 0);

    const mail = sent.find(to(alice))!;
    assert.equal(toAlice.length, 2);
    assert.match(mail.subject, /^\[Beacon\] New incident: API <script>alert\(1\)<\/script> errors$/);
    assert.match(mail.text, /Status: Investigating/);
    assert.match(mail.text, /Affected: API/);
    assert.ok(mail.text.includes(`${PUBLIC_URL}/incidents/${incident.body.id}`), mail.text);
    assert.ok(mail.html.includes("API &lt;script&gt;alert(1)&lt;/script&gt; errors"), "the name is escaped in HTML");
    assert.ok(!/<script|<img/i.test(mail.html), "no markup from the incident survives");
    assert.match(mail.html, /<strong>investigating<\/strong>/, "Markdown is rendered");
    assert.match(mail.html, /Beacon/);
    const [manage] = linksIn(mail, "/subscribe/manage");
    assert.ok(manage, "the manage link is in the text");
    const unsubscribeUrl = /^<(.+)>$/.exec(mail.headers["list-unsubscribe"])?.[1];
    assert.ok(unsubscribeUrl?.startsWith(`${PUBLIC_URL}/subscribe/unsubscribe?code=`), mail.headers["list-unsubscribe"]);
    assert.equal(mail.headers["list-unsubscribe-post"], "List-Unsubscribe=One-Click");

    // Alice leaves through the manage link (the API the manage page calls) …
    const left = await app.call("POST", "/api/v1/subscriptions/unsubscribe", { json: { code: codeOf(manage) } });
    assert.equal(left.status, 200, left.text);
    // … bob with his mail client's one-click POST (RFC 8058), no page involved.
    const bobMail = sent.find(to(bob))!;
    const oneClick = /^<(.+)>$/.exec(bobMail.headers["list-unsubscribe"])![1];
    const { POST, GET } = await import("../../app/(site)/subscribe/unsubscribe/route.ts");
    const opened = await GET(new Request(oneClick));
    assert.equal(opened.status, 303, "a GET (a link scanner) only leads to the manage page");
    assert.equal(await db.subscriber.count({ where: { email: bob } }), 1);
    const clicked = await POST(new Request(oneClick, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }));
    assert.equal(clicked.status, 200);
    assert.equal(await db.subscriber.count({ where: { email: { in: [alice, bob] } } }), 0);
    const again = await POST(new Request(oneClick, { method: "POST", body: "List-Unsubscribe=One-Click" }));
    assert.equal(again.status, 400, "a link of a removed subscriber does not work any more");

    const later = smtp.mails.length;
    const update = await app.call("POST", `/api/v1/incidents/${incident.body.id}/updates`, { headers: admin, json: { message: "Fixed.", status: 4 } });
    assert.equal(update.status, 201, update.text);
    await settle();
    const after = smtp.mails.slice(later);
    assert.deepEqual(after.map((m) => m.to[0]), [], "nobody left to mail about API (carol chose Website, dave never confirmed)");

    // A Website incident reaches carol only; a hidden one nobody.
    const webIncident = await app.call("POST", "/api/v1/incidents", { headers: admin, json: { name: "Website slow", component_id: web.id } });
    assert.equal(webIncident.status, 201);
    await smtp.waitFor(to(carol), 2);
    const hidden = await app.call("POST", "/api/v1/incidents", { headers: admin, json: { name: "Internal only", component_id: web.id, visible: false } });
    assert.equal(hidden.status, 201);
    await settle();
    assert.equal(smtp.mails.filter(to(carol)).length, 2, "one confirmation, one notification: the hidden incident is not mailed");
  });

  test("changing components through the manage link", async () => {
    const [a, b] = [await makeComponent(), await makeComponent()];
    const email = uniqueEmail("prefs");
    await subscribed(email, [a.id]);
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });
    const code = manageCode(subscriber);
    let res = await app.call("PUT", "/api/v1/subscriptions/preferences", { json: { code, component_ids: [b.id, b.id] } });
    assert.deepEqual([res.status, res.body.component_ids], [200, [b.id]]);
    res = await app.call("PUT", "/api/v1/subscriptions/preferences", { json: { code, component_ids: [] } });
    assert.deepEqual([res.status, res.body.component_ids], [200, []], "empty: all components");
    res = await app.call("PUT", "/api/v1/subscriptions/preferences", { json: { code, component_ids: [2_000_000] } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors, { component_ids: ["Component 2000000 does not exist."] });
  });

  test("no enumeration: new, pending and verified addresses get the same answer", async () => {
    const verified = uniqueEmail("known");
    await subscribed(verified);
    const pending = uniqueEmail("pending");
    assert.equal((await subscribe(pending)).status, 202);
    const fresh = uniqueEmail("new");
    const answers = [];
    for (const email of [verified, pending, fresh]) {
      const res = await subscribe(email);
      answers.push({ status: res.status, body: res.text, type: res.headers.get("content-type") });
    }
    assert.deepEqual(answers[0], answers[1]);
    assert.deepEqual(answers[1], answers[2]);
    // Comparable timing: the same work (one upsert, one queued mail) on every path.
    const time = async (email: string) => {
      const started = performance.now();
      await app.call("POST", "/api/v1/subscriptions", { ip: freshIp(), json: { email } });
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      const existing = await db.subscriber.create({ data: { email: uniqueEmail("timing-known"), verifiedAt: new Date() } });
      known.push(await time(existing.email));
      unknown.push(await time(uniqueEmail("timing-new")));
    }
    assert.ok(median(known) < median(unknown) * 3 + 25 && median(unknown) < median(known) * 3 + 25, `known ${median(known)} ms, unknown ${median(unknown)} ms`);
    // The verified subscriber was told to confirm the change, with the same kind of link.
    const mails = await smtp.waitFor(to(verified), 2);
    assert.match(mails.at(-1)!.subject, /Confirm the change to your subscription/);
  });

  test("throttled per address (3 an hour) and per IP (20 an hour), known or not", async () => {
    const email = uniqueEmail("throttle");
    for (let i = 0; i < 3; i++) assert.equal((await subscribe(email)).status, 202);
    const res = await subscribe(email);
    assert.equal(res.status, 429);
    assert.match(res.body.detail, /^Request was throttled\. Expected available in \d+ seconds\.$/);
    assert.ok(Number(res.headers.get("retry-after")) > 0);
    assert.equal((await subscribe(email.toUpperCase())).status, 429, "the address is counted case-insensitively");

    const ip = freshIp();
    for (let i = 0; i < 20; i++) assert.equal((await subscribe(uniqueEmail("ip"), undefined, ip)).status, 202);
    const blocked = await subscribe(uniqueEmail("ip"), undefined, ip);
    assert.equal(blocked.status, 429);
    assert.equal((await subscribe(uniqueEmail("ip"))).status, 202, "another IP is not affected");
  });

  test("validation: a bad address, unknown or hidden components, unknown fields", async () => {
    let res = await subscribe("not-an-address");
    assert.deepEqual([res.status, res.body.errors], [400, { email: ["Enter a valid e-mail address."] }]);
    const hidden = await app.call("POST", "/api/v1/components", { headers: admin, json: { name: "Secret", enabled: false } });
    res = await subscribe(uniqueEmail("v"), [hidden.body.id]);
    assert.deepEqual([res.status, res.body.errors], [400, { component_ids: [`Component ${hidden.body.id} does not exist.`] }]);
    res = await app.call("POST", "/api/v1/subscriptions", { ip: freshIp(), json: { email: uniqueEmail("v"), verified_at: "2026-01-01T00:00:00Z" } });
    assert.equal(res.status, 400);
  });

  test("tampered, expired, misused and stale links are refused", async () => {
    const email = uniqueEmail("links");
    const mail = await subscribed(email);
    const code = codeOf(linksIn(mail, "/subscribe/confirm")[0]);
    const refused = async (c: string) => {
      const res = await app.call("POST", "/api/v1/subscriptions/confirm", { json: { code: c } });
      assert.equal(res.status, 400, res.text);
      return res.body.errors.code[0];
    };
    const [body, sig] = code.split(".");
    const flipped = sig.slice(0, -2) + (sig.at(-2) === "A" ? "B" : "A") + sig.at(-1);
    assert.equal(await refused(`${body}.${flipped}`), INVALID_LINK);
    // A payload changed to another subscriber (or other components) no longer matches its MAC.
    const payload = JSON.parse(Buffer.from(body, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, c: [1] })).toString("base64url");
    assert.equal(await refused(`${forged}.${sig}`), INVALID_LINK);
    assert.equal(await refused("garbage"), INVALID_LINK);
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });
    assert.equal(await refused(confirmCode(subscriber, null, Date.now() - 1000)), EXPIRED_LINK);
    assert.equal(await refused(manageCode(subscriber)), INVALID_LINK, "a manage link is not a confirmation link");
    const manageRes = await app.call("POST", "/api/v1/subscriptions/unsubscribe", { json: { code } });
    assert.equal(manageRes.status, 400, "a confirmation link cannot unsubscribe");
  });

  test("unconfirmed subscribers are purged once their link expired; admin-added ones stay", async () => {
    const stale = uniqueEmail("stale");
    const adminAdded = uniqueEmail("admin-added");
    assert.equal((await subscribe(stale)).status, 202);
    const created = await app.call("POST", "/api/v1/subscribers", { headers: admin, json: { email: adminAdded } });
    assert.equal(created.status, 201);
    await db.subscriber.update({ where: { email: stale }, data: { pendingSince: new Date(Date.now() - 49 * 3600_000) } });
    await db.subscriber.update({ where: { email: adminAdded }, data: { createdAt: new Date(Date.now() - 49 * 3600_000) } });
    assert.ok((await purgeUnconfirmed()) >= 1);
    assert.equal(await db.subscriber.count({ where: { email: stale } }), 0);
    assert.equal(await db.subscriber.count({ where: { email: adminAdded } }), 1);
  });

  test("an SMTP server refusing for a while: the mail arrives after a retry", async () => {
    smtp.refuse(true);
    const email = uniqueEmail("retry");
    try {
      assert.equal((await subscribe(email)).status, 202);
      const { id } = await db.subscriber.findUniqueOrThrow({ where: { email } });
      const deadline = Date.now() + 5000;
      while ((await db.outboxDelivery.findFirst({ where: { target: `subscriber:${id}`, lastError: { not: null }, status: "queued" } })) === null) {
        assert.ok(Date.now() < deadline, "the first attempt failed and was rescheduled");
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      smtp.refuse(false);
    }
    const [mail] = await smtp.waitFor(to(email), 1, 10_000);
    assert.match(mail.subject, /Confirm/);
  });

  test("token expiry reminders: 7 days and 1 day before, once each, to the owner", async () => {
    const DAY = 24 * 3600_000;
    const user = await seedUser({ role: "Editor" });
    const token = await seedToken(user.id, { expiresAt: new Date(Date.now() + 6 * DAY), description: "CI deploy" });
    const disabledOwner = await seedUser({ role: "Editor" });
    const disabled = await seedToken(disabledOwner.id, { expiresAt: new Date(Date.now() + 2 * DAY) });
    await db.apiToken.update({ where: { id: disabled.id }, data: { enabled: false } });
    const farOwner = await seedUser({ role: "Editor" });
    await seedToken(farOwner.id, { expiresAt: new Date(Date.now() + 30 * DAY) });

    assert.ok((await queueTokenExpiryReminders()) >= 1);
    const [week] = await smtp.waitFor(to(user.email));
    assert.match(week.subject, /^\[Beacon\] Your API token bcn_\S+ expires in 6 days$/);
    assert.match(week.text, /"CI deploy"/);
    assert.ok(week.text.includes(`${PUBLIC_URL}/profile`));
    assert.equal(await queueTokenExpiryReminders(), 0, "the 7-day reminder is given once");

    // The token now expires within a day (its expiry changed): the 1-day reminder, once.
    await db.apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() + 20 * 3600_000) } });
    assert.equal(await queueTokenExpiryReminders(), 1);
    const mails = await smtp.waitFor(to(user.email), 2);
    assert.match(mails[1].subject, /expires in 20 hours$/);
    assert.equal(await queueTokenExpiryReminders(), 0);
    await settle();
    assert.equal(smtp.mails.filter(to(user.email)).length, 2);
    assert.equal(smtp.mails.filter(to(disabledOwner.email)).length, 0, "a disabled token is not reminded");
    assert.equal(smtp.mails.filter(to(farOwner.email)).length, 0, "a token expiring in 30 days is not reminded yet");

    // Two instances scanning at once still queue each reminder once.
    const racer = await seedUser({ role: "Editor" });
    await seedToken(racer.id, { expiresAt: new Date(Date.now() + 3 * DAY) });
    const results = await Promise.all([queueTokenExpiryReminders(), queueTokenExpiryReminders()]);
    assert.equal(results[0] + results[1], 1);
    await smtp.waitFor(to(racer.email));
    await settle();
    assert.equal(smtp.mails.filter(to(racer.email)).length, 1);
  });

  test("maintenance events mail the subscribers of the affected components, with the window", async () => {
    const [db1, other] = [await makeComponent("Database"), await makeComponent("Docs")];
    const dbFan = uniqueEmail("db-fan");
    const docsFan = uniqueEmail("docs-fan");
    await subscribed(dbFan, [db1.id]);
    await subscribed(docsFan, [other.id]);
    // The event as the maintenance domain records it (in the change's transaction): its data is the webhook payload's.
    const maintenance = { id: 41, name: "Database upgrade", message: "Read-only for **10 minutes**.", scheduled_start: "2026-12-05T02:00:00.000Z", scheduled_end: "2026-12-05T03:00:00.000Z", visible: true, component_ids: [db1.id] };
    await recordEvent(db, "maintenance.scheduled", { maintenance });
    await recordEvent(db, "maintenance.started", { maintenance: { ...maintenance, visible: false } });
    wakeOutbox();
    const [, mail] = await smtp.waitFor(to(dbFan), 2);
    await settle();
    assert.equal(smtp.mails.filter(to(dbFan)).length, 2, "a hidden maintenance is not mailed");
    assert.equal(smtp.mails.filter(to(docsFan)).length, 1, "only the confirmation: Docs is not affected");
    assert.equal(mail.subject, "[Beacon] Maintenance scheduled: Database upgrade");
    assert.match(mail.text, /Status: Scheduled\r?\nTime: 2026-12-05 02:00 UTC\r?\nAffected: Database/);
    assert.match(mail.text, /Window: 2026-12-05 02:00 to 2026-12-05 03:00 UTC/);
    assert.match(mail.html, /<strong>10 minutes<\/strong>/);
  });
});
