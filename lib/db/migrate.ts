// Applies the committed migrations (prisma/<provider>/migrations/*/migration.sql) in order, each inside
// a transaction, and records them in Prisma's own `_prisma_migrations` table with the same columns and
// checksum, so `prisma migrate status/deploy` agree with it wherever the Prisma CLI can run.
// The Prisma CLI cannot migrate on an offline machine (STACK.md); this runner needs nothing but the drivers.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseKind, databaseUrl, projectRoot, sqlitePath, type DatabaseKind } from "../config.ts";
import { secureSqliteFiles } from "./sqlite-files.ts";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDir(kind: DatabaseKind): string {
  return path.join(projectRoot(), "prisma", kind, "migrations");
}

export function readMigrations(kind: DatabaseKind): Migration[] {
  const dir = migrationsDir(kind);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Prisma's own advisory lock key, so this runner and `prisma migrate deploy` never run at once.
const POSTGRES_LOCK = 72707369;

function checkApplied(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const m of migrations) {
    const sum = applied.get(m.name);
    if (sum && sum !== m.checksum) {
      throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs): add a new migration instead`);
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

async function migrateSqlite(url: string, migrations: Migration[]): Promise<string[]> {
  const { default: Database } = await import("better-sqlite3");
  const file = sqlitePath(url);
  secureSqliteFiles(file);
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(SQLITE_TABLE);
    const rows = db
      .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
      .all() as { migration_name: string; checksum: string }[];
    const pending = checkApplied(new Map(rows.map((r) => [r.migration_name, r.checksum])), migrations);
    for (const m of pending) {
      const id = randomUUID();
      // Inside a transaction SQLite ignores `PRAGMA foreign_keys=OFF`, so Prisma's table rebuilds
      // (copy, drop, rename) would cascade-delete related rows: switch the checks off around it and
      // verify the result before committing instead.
      db.pragma("foreign_keys = OFF");
      try {
        db.transaction(() => {
          db.prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, 0)`,
          ).run(id, m.checksum, m.name, Date.now());
          db.exec(m.sql);
          const broken = db.pragma("foreign_key_check") as unknown[];
          if (broken.length > 0) throw new Error(`Migration ${m.name} leaves ${broken.length} rows violating foreign keys`);
          db.prepare(`UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = 1 WHERE id = ?`).run(Date.now(), id);
        }).immediate();
      } finally {
        db.pragma("foreign_keys = ON");
      }
    }
    return pending.map((m) => m.name);
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [POSTGRES_LOCK]);
    await client.query(POSTGRES_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const pending = checkApplied(new Map(rows.map((r) => [r.migration_name, r.checksum])), migrations);
    for (const m of pending) {
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
    }
    await client.query("SELECT pg_advisory_unlock($1)", [POSTGRES_LOCK]);
    return pending.map((m) => m.name);
  } finally {
    await client.end();
  }
}

/** Applies every pending migration to the database at `url`; returns the names applied. */
export async function migrate(url = databaseUrl()): Promise<string[]> {
  const kind = databaseKind(url);
  const migrations = readMigrations(kind);
  if (migrations.length === 0) throw new Error(`No migrations found in ${migrationsDir(kind)}`);
  return kind === "postgresql" ? migratePostgres(url, migrations) : migrateSqlite(url, migrations);
}
