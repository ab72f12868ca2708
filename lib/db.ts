// The one Prisma client of the app. SQLite (better-sqlite3) by default; PostgreSQL when DATABASE_URL
// says postgres(ql)://. Both generated clients share one model, so the SQLite client's type serves both.
// Only the client (and driver adapter) of the database in use is ever loaded: each is imported on first
// use, dynamically, so a PostgreSQL server never loads better-sqlite3 and the SQLite client, nor the
// reverse. Created lazily on first use (tests and setup set DATABASE_URL first) and kept on globalThis,
// so the custom server, Next's route handlers and the CLI in one process share a single pool.
import { databaseKind, databaseUrl, postgresPool, postgresTimeouts, sqlitePath, sqliteBusyTimeoutMs, type DatabaseKind } from "./config.ts";
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

type SqliteModule = typeof import("./generated/sqlite/client.ts");

function makeSqlite(client: SqliteModule, adapters: typeof import("./db/sqlite-adapter.ts")) {
  return (url: string) => {
    const file = sqlitePath(url);
    secureSqliteFiles(file);
    // A transaction begins by waiting for the write lock (BEGIN IMMEDIATE, up to BEACON_SQLITE_BUSY_TIMEOUT_MS):
    // Prisma's own 2 s limit on starting one must not cut that wait short.
    const busy = sqliteBusyTimeoutMs();
    const transactionOptions = { maxWait: busy + 1000, timeout: busy + 5000 };
    return new client.PrismaClient({ adapter: notingOutages(new adapters.SerializedSqliteAdapterFactory({ url: `file:${file}` })), omit, transactionOptions });
  };
}

function makePostgres(client: typeof import("./generated/postgresql/client.ts"), adapters: typeof import("@prisma/adapter-pg")): ClientMaker {
  return (url) => {
    const t = postgresTimeouts();
    const pool = postgresPool();
    const adapter = new adapters.PrismaPg({
      connectionString: url,
      max: pool.max,
      idleTimeoutMillis: pool.idleMs,
      connectionTimeoutMillis: t.connectMs,
      statement_timeout: t.statementMs,
      query_timeout: t.statementMs + 1000,
      idle_in_transaction_session_timeout: t.idleInTransactionMs,
    });
    return new client.PrismaClient({ adapter: notingOutages(adapter), omit }) as unknown as Db;
  };
}

/** What creating a client of one kind needs, imported once per process and kind. */
type ClientMaker = (url: string) => Db;

const IMPORTERS: Record<DatabaseKind, () => Promise<ClientMaker>> = {
  sqlite: async () => {
    const [client, adapters] = await Promise.all([import("./generated/sqlite/client.ts"), import("./db/sqlite-adapter.ts")]);
    return makeSqlite(client, adapters);
  },
  postgresql: async () => {
    const [client, adapters] = await Promise.all([import("./generated/postgresql/client.ts"), import("@prisma/adapter-pg")]);
    return makePostgres(client, adapters);
  },
};

/** The client's type: the SQLite client's, with the secrets omitted. */
export type Db = ReturnType<ReturnType<typeof makeSqlite>>;

const holder = globalThis as unknown as {
  __beaconDb?: { url: string; client: Db };
  __beaconDbMakers?: Partial<Record<DatabaseKind, ClientMaker>>;
  __beaconDbLoading?: Partial<Record<DatabaseKind, Promise<ClientMaker>>>;
};
const makers = (holder.__beaconDbMakers ??= {});
const loading = (holder.__beaconDbLoading ??= {});

/** Imports the client of the database in use (once per process), then returns it. */
export async function loadDb(): Promise<Db> {
  const kind = databaseKind(databaseUrl());
  if (!makers[kind]) {
    loading[kind] ??= IMPORTERS[kind]().then(
      (maker) => (makers[kind] = maker),
      (err) => {
        delete loading[kind];
        throw err;
      },
    );
    await loading[kind];
  }
  return getDb();
}

/** The client for DATABASE_URL, once its kind was loaded (loadDb()); `db` below loads it on first use. */
export function getDb(): Db {
  const url = databaseUrl();
  if (holder.__beaconDb?.url === url) return holder.__beaconDb.client;
  const make = makers[databaseKind(url)];
  if (!make) throw new Error(`Beacon: the ${databaseKind(url)} database client is not loaded yet: await loadDb() first`);
  holder.__beaconDb = { url, client: make(url) };
  return holder.__beaconDb.client;
}

function loaded(): Db | null {
  const url = databaseUrl();
  if (holder.__beaconDb?.url === url) return holder.__beaconDb.client;
  return makers[databaseKind(url)] ? getDb() : null;
}

/** Closes the client (tests, CLI commands, shutdown); the next use opens a new one. */
export async function disconnectDb(): Promise<void> {
  const current = holder.__beaconDb;
  holder.__beaconDb = undefined;
  if (current) await current.client.$disconnect();
}

// Before the client is loaded (the first query of a process), `db.model.method(...)` and `db.$x(...)`
// give a deferred query: lazy like Prisma's own PrismaPromise (it runs when awaited), so that it can
// also sit in `db.$transaction([...])`, which re-issues it on the loaded client.
const DEFERRED = Symbol("beacon.deferredQuery");
interface DeferredQuery extends PromiseLike<unknown> {
  [DEFERRED]: (client: Db) => unknown;
}

function deferred(issue: (client: Db) => unknown): DeferredQuery {
  let started: Promise<unknown> | null = null;
  const run = () => (started ??= loadDb().then((client) => issue(client)));
  return {
    [DEFERRED]: issue,
    then: (onFulfilled, onRejected) => run().then(onFulfilled, onRejected),
    catch: (onRejected: (reason: unknown) => unknown) => run().catch(onRejected),
    finally: (onFinally: () => void) => run().finally(onFinally),
  } as DeferredQuery;
}

const reissue = (client: Db, arg: unknown) =>
  Array.isArray(arg) ? arg.map((q) => (q && typeof q === "object" && DEFERRED in q ? (q as DeferredQuery)[DEFERRED](client) : q)) : arg;

function callOn(client: Db, path: (string | symbol)[], args: unknown[]): unknown {
  let target: unknown = client;
  for (let i = 0; i < path.length - 1; i++) target = Reflect.get(target as object, path[i]);
  const fn = Reflect.get(target as object, path[path.length - 1]) as (...a: unknown[]) => unknown;
  if (path.length === 1 && path[0] === "$transaction") args = [reissue(client, args[0]), ...args.slice(1)];
  return fn.apply(target, args);
}

function pending(path: (string | symbol)[]): unknown {
  return new Proxy(function () {}, {
    get: (_t, prop) => pending([...path, prop]),
    apply: (_t, _this, args: unknown[]) => deferred((client) => callOn(client, path, args)),
  });
}

export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const client = loaded();
    if (!client) return pending([prop]);
    const value = Reflect.get(client, prop, client);
    if (typeof value !== "function") return value;
    if (prop === "$transaction") return (arg: unknown, ...rest: unknown[]) => (value as (...a: unknown[]) => unknown).call(client, reissue(client, arg), ...rest);
    return value.bind(client);
  },
});
