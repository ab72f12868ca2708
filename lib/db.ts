// The one Prisma client of the app. SQLite (better-sqlite3) by default; PostgreSQL when DATABASE_URL
// says postgres(ql)://. Both generated clients share one model, so the SQLite client's type serves both.
// Created lazily on first use (tests and setup set DATABASE_URL first) and kept on globalThis, so the
// custom server, Next's route handlers and the CLI in one process share a single pool.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client.ts";
import { databaseKind, databaseUrl, postgresTimeouts, sqlitePath } from "./config.ts";
import { SerializedSqliteAdapterFactory } from "./db/sqlite-adapter.ts";
import { secureSqliteFiles } from "./db/sqlite-files.ts";
import { notingOutages } from "./db/outage.ts";

/** Model types (both clients share them): `Prisma.XGetPayload<{ select: typeof xSelect }>`, `Prisma.XWhereInput`. */
export type { Prisma } from "./generated/sqlite/client.ts";

// Secrets never leave a query unless it asks for them by name (`omit: { passwordHash: false }`).
const omit = {
  user: { passwordHash: true },
  apiToken: { digest: true, previousDigest: true },
  webhook: { secret: true, previousSecret: true },
} as const;

function createClient(url: string) {
  if (databaseKind(url) === "postgresql") {
    const t = postgresTimeouts();
    const adapter = new PrismaPg({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: t.connectMs,
      statement_timeout: t.statementMs,
      query_timeout: t.statementMs + 1000,
      idle_in_transaction_session_timeout: t.idleInTransactionMs,
    });
    return new PostgresClient({ adapter: notingOutages(adapter), omit }) as unknown as SqliteClient<never, typeof omit>;
  }
  const file = sqlitePath(url);
  secureSqliteFiles(file);
  return new SqliteClient({ adapter: notingOutages(new SerializedSqliteAdapterFactory({ url: `file:${file}` })), omit });
}

export type Db = ReturnType<typeof createClient>;

const holder = globalThis as unknown as { __beaconDb?: { url: string; client: Db } };

export function getDb(): Db {
  const url = databaseUrl();
  if (!holder.__beaconDb || holder.__beaconDb.url !== url) {
    holder.__beaconDb = { url, client: createClient(url) };
  }
  return holder.__beaconDb.client;
}

/** Closes the client (tests, CLI commands); the next getDb() opens a new one. */
export async function disconnectDb(): Promise<void> {
  const current = holder.__beaconDb;
  holder.__beaconDb = undefined;
  if (current) await current.client.$disconnect();
}

export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
