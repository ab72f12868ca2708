// The plain migration runner (lib/db/migrate.ts): records Prisma's table, and on SQLite keeps related
// rows intact when a migration rebuilds a table (Prisma's copy-and-drop), which only works with
// foreign keys switched off outside the transaction.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

test("a SQLite table rebuild does not cascade-delete or null related rows", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "beacon-migrate-"));
  const dir = path.join(root, "prisma", "sqlite", "migrations");
  fs.mkdirSync(path.join(dir, "001_init"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "001_init", "migration.sql"),
    `CREATE TABLE "parent" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL);
CREATE TABLE "child" ("id" INTEGER NOT NULL PRIMARY KEY, "parent_id" INTEGER NOT NULL,
  CONSTRAINT "child_parent_fkey" FOREIGN KEY ("parent_id") REFERENCES "parent" ("id") ON DELETE CASCADE);`,
  );
  const previousRoot = process.env.BEACON_ROOT;
  process.env.BEACON_ROOT = root;
  try {
    const { migrate } = await import("../lib/db/migrate.ts");
    const url = `file:${path.join(root, "t.db")}`;
    assert.deepEqual(await migrate(url), ["001_init"]);
    const db = new Database(path.join(root, "t.db"));
    db.exec(`INSERT INTO parent VALUES (1, 'p'); INSERT INTO child VALUES (1, 1);`);
    db.close();
    // What Prisma writes for most column changes on SQLite.
    fs.mkdirSync(path.join(dir, "002_rebuild"));
    fs.writeFileSync(
      path.join(dir, "002_rebuild", "migration.sql"),
      `PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_parent" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "extra" TEXT NOT NULL DEFAULT '');
INSERT INTO "new_parent" ("id", "name") SELECT "id", "name" FROM "parent";
DROP TABLE "parent";
ALTER TABLE "new_parent" RENAME TO "parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;`,
    );
    assert.deepEqual(await migrate(url), ["002_rebuild"]);
    assert.deepEqual(await migrate(url), []);
    const after = new Database(path.join(root, "t.db"));
    assert.equal((after.prepare("SELECT COUNT(*) AS n FROM child").get() as { n: number }).n, 1, "child rows survive the rebuild");
    const recorded = after.prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`).all() as { migration_name: string; checksum: string; finished_at: unknown }[];
    assert.deepEqual(recorded.map((r) => r.migration_name), ["001_init", "002_rebuild"]);
    assert.ok(recorded.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at !== null));
    after.close();
  } finally {
    if (previousRoot === undefined) delete process.env.BEACON_ROOT;
    else process.env.BEACON_ROOT = previousRoot;
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("a migration edited after it was applied is refused", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "beacon-migrate-"));
  const dir = path.join(root, "prisma", "sqlite", "migrations", "001_init");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), `CREATE TABLE "a" ("id" INTEGER PRIMARY KEY);`);
  process.env.BEACON_ROOT = root;
  try {
    const { migrate } = await import("../lib/db/migrate.ts");
    const url = `file:${path.join(root, "t.db")}`;
    await migrate(url);
    fs.writeFileSync(path.join(dir, "migration.sql"), `CREATE TABLE "a" ("id" INTEGER PRIMARY KEY, "b" TEXT);`);
    await assert.rejects(migrate(url), /changed after it was applied/);
  } finally {
    delete process.env.BEACON_ROOT;
    fs.rmSync(root, { recursive: true, force: true });
  }
});
