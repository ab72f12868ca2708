// The SQLite database and its -wal/-shm hold password hashes and subscriber e-mails: like secrets.json
// they are 0600, the data directory Beacon creates is 0700, and files left world-readable by an older
// version are tightened at startup. Checked through the real setup (migrations, first write).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

test("the database, its -wal and -shm are created 0600 in a data directory created 0700; existing ones are tightened at startup", async () => {
  process.umask(0o022);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "beacon-modes-"));
  const dataDir = path.join(root, "nested", "data");
  delete process.env.DATABASE_URL;
  process.env.BEACON_DATA_DIR = dataDir;
  // Secrets from the environment, so that secrets.json (already 0600 in a 0700 directory) creates nothing.
  process.env.NEXTAUTH_SECRET = randomBytes(16).toString("hex");
  process.env.BEACON_TOKEN_PEPPER = randomBytes(16).toString("hex");
  process.env.BEACON_DEMO = "1";
  const { runSetup } = await import("../lib/setup.ts");
  const { db, disconnectDb } = await import("../lib/db.ts");
  const file = path.join(dataDir, "beacon.db");
  const files = [file, `${file}-wal`, `${file}-shm`];
  try {
    await runSetup();
    await db.componentGroup.create({ data: { name: "g", nameLower: "g" } });
    assert.equal(mode(dataDir), "700", "data directory");
    for (const f of files) assert.equal(mode(f), "600", path.basename(f));

    // An installation from before: world-readable files. The next start tightens them.
    await disconnectDb();
    for (const f of files) if (fs.existsSync(f)) fs.chmodSync(f, 0o644);
    await runSetup();
    await db.componentGroup.create({ data: { name: "h", nameLower: "h" } });
    for (const f of files) assert.equal(mode(f), "600", `${path.basename(f)} after restart`);
  } finally {
    await disconnectDb();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
