// The e-mails' text and HTML: user text escaped, Markdown rendered safely, one-line subjects, RFC 8058 headers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { confirmationMail, notificationMail, tokenReminderMail } from "../../lib/mail/templates.ts";

const base = {
  siteName: 'Acme <b>"Status"</b>',
  heading: "New incident",
  title: "DB <script>x</script>\r\nBcc: victim@example.com",
  statusName: "Investigating",
  message: "We are **on it**. <img src=x onerror=alert(1)> [site](javascript:alert(1)) [ok](https://ok.example)",
  componentNames: ["API & Web"],
  when: "2026-12-02T10:00:00.000Z",
  link: "https://status.example/incidents/4",
  manageUrl: "https://status.example/subscribe/manage?code=a.b",
  unsubscribeUrl: "https://status.example/subscribe/unsubscribe?code=a.b",
};

test("a notification escapes user text, renders Markdown safely and carries the unsubscribe headers", () => {
  const mail = notificationMail(base);
  assert.ok(!/[\r\n]/.test(mail.subject), "no header injection through the subject");
  assert.match(mail.subject, /^\[Acme <b>"Status"<\/b>\] New incident: DB <script>x<\/script> Bcc: victim@example.com$/);
  assert.ok(mail.html.includes("DB &lt;script&gt;x&lt;/script&gt;"));
  assert.ok(mail.html.includes("Acme &lt;b&gt;&quot;Status&quot;&lt;/b&gt;"));
  assert.ok(!/<script|<img|javascript:/i.test(mail.html), mail.html);
  assert.match(mail.html, /<strong>on it<\/strong>/);
  assert.match(mail.html, /href="https:\/\/ok\.example"/);
  assert.match(mail.html, /API &amp; Web/);
  assert.match(mail.text, /Status: Investigating\nTime: 2026-12-02 10:00 UTC\nAffected: API & Web/);
  assert.ok(mail.text.includes(base.link) && mail.text.includes(base.manageUrl));
  assert.deepEqual(mail.headers, { "List-Unsubscribe": `<${base.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
});

test("a confirmation names the components and how long the link works", () => {
  const mail = confirmationMail({ siteName: "Acme", confirmUrl: "https://s/subscribe/confirm?code=1", componentNames: ["API"], alreadySubscribed: false, validHours: 48 });
  assert.equal(mail.subject, "Confirm your subscription to Acme");
  assert.match(mail.text, /about API at this address/);
  assert.match(mail.text, /48 hours/);
  assert.match(mail.html, /href="https:\/\/s\/subscribe\/confirm\?code=1"/);
  const change = confirmationMail({ siteName: "Acme", confirmUrl: "https://s/c", componentNames: null, alreadySubscribed: true, validHours: 48 });
  assert.match(change.subject, /Confirm the change/);
  assert.match(change.text, /all components/);
});

test("a token reminder says which token and when", () => {
  const mail = tokenReminderMail({ siteName: "Acme", tokenDisplay: "bcn_AbCd…wxyz", description: "CI <deploy>", expiresAt: new Date("2026-12-09T08:30:00Z"), inWords: "in 7 days", profileUrl: "https://s/profile" });
  assert.equal(mail.subject, "[Acme] Your API token bcn_AbCd…wxyz expires in 7 days");
  assert.match(mail.text, /"CI <deploy>" \(bcn_AbCd…wxyz\) on Acme expires in 7 days, at 2026-12-09 08:30 UTC/);
  assert.ok(mail.html.includes("CI &lt;deploy&gt;"));
});
