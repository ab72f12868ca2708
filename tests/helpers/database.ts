// A fresh, migrated database for one test process: a temp SQLite file, or a uniquely named PostgreSQL
// database when BEACON_TEST_DB=postgresql (dropped again when the process ends).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { testDatabaseUrl } from "../../scripts/test-services.ts";

export const TEST_DB_KIND = process.env.BEACON_TEST_DB === "postgresql" ? "postgresql" : "sqlite";
export const PG_ADMIN_URL = testDatabaseUrl();

/** Why PostgreSQL tests cannot run here, or null when the server answers. */
export async function postgresUnavailable(): Promise<string | null> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (err) {
    return `PostgreSQL not reachable at ${PG_ADMIN_URL.replace(/:[^:@/]*@/, ":***@")}: ${(err as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  url: string;
  kind: "sqlite" | "postgresql";
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: "sqlite" | "postgresql" = TEST_DB_KIND): Promise<TestDatabase> {
  const suffix = `${Date.now().toString(36)}_${process.pid}_${randomBytes(3).toString("hex")}`;
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beacon-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    return { url, kind, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const { default: pg } = await import("pg");
  const name = `beacon_test_${suffix}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: withDatabase(PG_ADMIN_URL, name),
    kind,
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
