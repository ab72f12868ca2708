// What attackers do is audited, aggregated (issue 9, item 5): failed Basic, browser and provisioning
// sign-ins, invalid tokens and throttled requests become one event per (kind, IP, account) per minute with
// a count, so an attack cannot turn into unbounded writes; nothing typed into a credential field is stored.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { basic, describeDb, testApp, type TestApp } from "../helpers/app.ts";
import { seedUser } from "../helpers/fixtures.ts";
import { tryPassword } from "../helpers/password-paths.ts";
import { generateKey } from "../../lib/auth/keys.ts";
import { flushAttackAudit } from "../../lib/audit/attacks.ts";
import { db } from "../../lib/db.ts";

let app: TestApp;

interface Row { action: string; ip: string | null; subjectId: number | null; detail: string; actorLabel: string }

async function eventsFrom(ip: string): Promise<Row[]> {
  await flushAttackAudit();
  return db.auditEvent.findMany({ where: { ip }, orderBy: { id: "asc" } });
}

/** Total count per action (an aggregate may straddle a minute boundary: then it is two rows). */
function totals(rows: Row[], subjectId?: number | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    if (subjectId !== undefined && r.subjectId !== subjectId) continue;
    out[r.action] = (out[r.action] ?? 0) + (JSON.parse(r.detail) as { count: number }).count;
  }
  return out;
}

/** Counts every insert and update of audit_events from now on. */
async function installWriteCounter(): Promise<() => Promise<number>> {
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS audit_writes (n INTEGER)`);
  if (app.db.kind === "sqlite") {
    await db.$executeRawUnsafe(`CREATE TRIGGER IF NOT EXISTS audit_writes_i AFTER INSERT ON audit_events BEGIN INSERT INTO audit_writes VALUES (1); END`);
    await db.$executeRawUnsafe(`CREATE TRIGGER IF NOT EXISTS audit_writes_u AFTER UPDATE ON audit_events BEGIN INSERT INTO audit_writes VALUES (1); END`);
  } else {
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION count_audit_writes() RETURNS trigger AS $$ BEGIN INSERT INTO audit_writes VALUES (1); RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS audit_writes_iu ON audit_events`);
    await db.$executeRawUnsafe(`CREATE TRIGGER audit_writes_iu AFTER INSERT OR UPDATE ON audit_events FOR EACH ROW EXECUTE FUNCTION count_audit_writes()`);
  }
  const read = async () => Number((await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM audit_writes`))[0].n);
  const start = await read();
  return async () => (await read()) - start;
}

describeDb("auditing attacks", () => {
  before(async () => {
    app = await testApp();
  });

  test("failed Basic, browser and provisioning sign-ins: counted per kind, IP and account, visible to the account", async () => {
    const user = await seedUser();
    const ip = "203.0.113.150";
    for (let i = 0; i < 3; i++) assert.equal(await tryPassword("basic", user.email, `wrong-${i}`, ip), "refused");
    for (let i = 0; i < 2; i++) assert.equal(await tryPassword("sign_in", user.email, `wrong-${i}`, ip), "refused");
    for (let i = 0; i < 4; i++) assert.equal(await tryPassword("provision", user.email, `wrong-${i}`, ip), "refused");
    const rows = await eventsFrom(ip);
    assert.deepEqual(totals(rows, user.id), { "auth.basic_failed": 3, "user.sign_in_failed": 2, "token.provision_failed": 4 });
    assert.ok(rows.length <= 6, `${rows.length} rows for 9 failures`);

    // The attacked user reads them in their own audit log (they concern their account).
    const own = await app.call("GET", "/api/v1/audit?limit=100", { headers: basic(user.email, user.password), ip: "192.0.2.200" });
    const seen = own.body.results.filter((e: { ip: string }) => e.ip === ip).map((e: { action: string }) => e.action);
    assert.deepEqual(new Set(seen), new Set(["auth.basic_failed", "user.sign_in_failed", "token.provision_failed"]));
  });

  test("what was typed into a credential field is never stored, even when it is not an account's e-mail", async () => {
    const ip = "203.0.113.151";
    const typed = `hunter2-${randomBytes(6).toString("hex")}`; // a password typed into the e-mail field
    for (const path of ["basic", "sign_in", "provision"] as const) assert.equal(await tryPassword(path, typed, typed, ip), "refused");
    const rows = await eventsFrom(ip);
    assert.deepEqual(totals(rows, null), { "auth.basic_failed": 1, "user.sign_in_failed": 1, "token.provision_failed": 1 });
    const everything = JSON.stringify(await db.auditEvent.findMany());
    assert.ok(!everything.includes(typed), "the typed text appears nowhere in the audit log");
    for (const r of rows) assert.equal(r.actorLabel, "anonymous");
  });

  test("an attack from one IP is a handful of rows and writes, whatever its size, with exact counts", async () => {
    const writes = await installWriteCounter();
    const user = await seedUser();
    const ip = "203.0.113.152";
    const passwords = await Promise.all(Array.from({ length: 30 }, (_, i) => tryPassword("basic", user.email, `wrong-${i}`, ip)));
    assert.equal(passwords.filter((o) => o === "refused").length, 10);
    const tokens = [];
    for (let i = 0; i < 100; i++) tokens.push((await app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": generateKey() }, ip })).status);
    assert.equal(tokens.filter((s) => s === 401).length, 60);
    const revoke = await app.call("POST", "/api/v1/tokens/revoke", { json: { keys: [generateKey()] }, ip });
    assert.equal(revoke.status, 429);

    const rows = await eventsFrom(ip);
    assert.deepEqual(totals(rows), { "auth.basic_failed": 10, "auth.throttled": 20 + 40 + 1, "auth.invalid_token": 60 });
    assert.ok(rows.length <= 6, `${rows.length} rows`);
    const n = await writes();
    assert.ok(n <= 2 * rows.length, `${n} writes for 131 failed or throttled requests`);
  });

  test("unknown keys sent to revoke are audited as such, aggregated", async () => {
    const ip = "203.0.113.153";
    const res = await app.call("POST", "/api/v1/tokens/revoke", { json: { keys: [generateKey(), generateKey(), "not-a-key"] }, ip });
    assert.deepEqual(res.body, { revoked: 0 });
    assert.deepEqual(totals(await eventsFrom(ip)), { "token.revoke_unknown_key": 3 });
  });

  test("many addresses at once: the rows of one minute are capped (BEACON_AUDIT_ATTACK_SOURCES), the counts kept", async () => {
    process.env.BEACON_AUDIT_ATTACK_SOURCES = "50";
    try {
      await flushAttackAudit();
      const before = await db.auditEvent.count();
      for (let i = 0; i < 120; i++) {
        const ip = `2001:db8:7::${i.toString(16)}`;
        assert.equal((await app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": generateKey() }, ip })).status, 401);
      }
      await flushAttackAudit();
      const rows = await db.auditEvent.findMany({ where: { id: { gt: 0 } }, orderBy: { id: "asc" }, skip: before });
      // 50 addresses and one row for the others, per minute (the loop may straddle two minutes).
      assert.ok(rows.length <= 2 * 51, `${rows.length} rows for 120 addresses`);
      assert.ok(rows.some((r) => r.ip === null), "the other addresses share one row");
      assert.equal(rows.reduce((sum, r) => sum + JSON.parse(r.detail).count, 0), 120, "every attempt is still counted");
    } finally {
      delete process.env.BEACON_AUDIT_ATTACK_SOURCES;
    }
  });
});
