// First-run setup and command-line recovery (issue 2): idempotent, secrets printed once, demo data.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeDb } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
let database: TestDatabase;
let dataDir: string;

function beacon(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/beacon.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: database.url, BEACON_DATA_DIR: dataDir, NEXTAUTH_SECRET: "", BEACON_TOKEN_PEPPER: "", BEACON_ADMIN_PASSWORD: "", ...env },
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

describeDb("first-run setup and recovery", () => {
  before(async () => {
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "beacon-setup-"));
  });
  after(async () => {
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("the first run creates secrets (0600), the admin, a token and the demo; the second changes nothing", async () => {
    const first = beacon(["setup"]);
    assert.equal(first.code, 0, first.out);
    const password = /Admin password: (\S+)/.exec(first.out)?.[1];
    const token = /Admin API token: (bcn_\S+)/.exec(first.out)?.[1];
    assert.ok(password && password.length >= 20, first.out);
    assert.ok(token, first.out);
    const secrets = path.join(dataDir, "secrets.json");
    assert.equal(fs.statSync(secrets).mode & 0o777, 0o600);
    const stored = fs.readFileSync(secrets, "utf8");

    const second = beacon(["setup"]);
    assert.equal(second.code, 0, second.out);
    assert.match(second.out, /already run/);
    assert.ok(!second.out.includes(password) && !second.out.includes("bcn_"), "no secret is printed again");
    assert.equal(fs.readFileSync(secrets, "utf8"), stored, "secrets are kept");

    process.env.DATABASE_URL = database.url;
    const { db, disconnectDb } = await import("../../lib/db.ts");
    try {
      assert.equal(await db.user.count(), 1);
      assert.equal(await db.apiToken.count(), 1);
      assert.equal(await db.component.count(), 3);
      assert.equal(await db.role.count(), 4);
      const settings = await db.settings.findUniqueOrThrow({ where: { id: 1 }, include: { publicRole: true } });
      assert.equal(settings.publicRole?.name, "Public");
      const dump = JSON.stringify(await db.apiToken.findMany({ omit: { digest: false } }));
      assert.ok(!dump.includes(token!), "the printed key is not stored");
    } finally {
      await disconnectDb();
    }
  });

  test("reset-password and create-token print a new secret once, and are audited", async () => {
    const reset = beacon(["reset-password", "ADMIN@example.com"]);
    assert.equal(reset.code, 0, reset.out);
    assert.match(reset.out, /New password for admin@example\.com: \S{20,}/);
    const created = beacon(["create-token", "admin@example.com"]);
    assert.equal(created.code, 0, created.out);
    assert.match(created.out, /New API token for admin@example\.com: bcn_[0-9A-Za-z]{36}/);
    const missing = beacon(["create-token", "nobody@example.com"]);
    assert.equal(missing.code, 1);
    assert.match(missing.out, /No user with the e-mail nobody@example.com/);
    process.env.DATABASE_URL = database.url;
    const { db, disconnectDb } = await import("../../lib/db.ts");
    try {
      const actions = (await db.auditEvent.findMany({ select: { action: true, authMethod: true } })).map((e) => `${e.action}/${e.authMethod}`);
      assert.ok(actions.includes("user.password_reset/cli"), actions.join());
      assert.equal(actions.filter((a) => a === "token.create/cli").length, 2, "setup's token and the recovery token");
    } finally {
      await disconnectDb();
    }
  });
});
