// Prisma's better-sqlite3 adapter, made safe for a server:
// 1. It runs every query on one connection and locks only transactions against each other: a query from
//    another request, issued while an interactive transaction is open, would run inside that transaction
//    and be lost if it rolled back. Here queries outside the transaction wait until it has ended.
// 2. better-sqlite3 is synchronous: a busy_timeout makes a write that waits for another process's lock
//    (a CLI command, a backup) block the event loop, and with it every request. Here the connection has
//    no busy_timeout; a statement refused with SQLITE_BUSY is retried after an asynchronous pause, up to
//    BEACON_SQLITE_BUSY_TIMEOUT_MS, then fails (a 503). Transactions take the write lock when they begin
//    (BEGIN IMMEDIATE, retried the same way), so no statement inside one ever waits for a lock.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { sqliteBusyTimeoutMs } from "../config.ts";

interface RawConnection {
  readonly inTransaction: boolean;
  exec(sql: string): unknown;
}

const BEGIN_IMMEDIATE: SqlQuery = { sql: "BEGIN IMMEDIATE", args: [], argTypes: [] };

function isBusy(err: unknown): boolean {
  const e = err as { name?: string; cause?: { originalCode?: unknown } } | null;
  return e?.name === "DriverAdapterError" && /^SQLITE_BUSY/.test(String(e.cause?.originalCode ?? ""));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Backoff for one statement: 5, 10, 20, … 100 ms; null once the deadline is reached. */
function backoff(): () => number | null {
  const deadline = Date.now() + sqliteBusyTimeoutMs();
  let wait = 5;
  return () => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return null;
    const next = Math.min(wait, remaining);
    wait = Math.min(wait * 2, 100);
    return next;
  };
}

function rawConnection(adapter: SqlDriverAdapter): RawConnection {
  const client = (adapter as unknown as { client?: RawConnection }).client;
  if (!client || typeof client.exec !== "function") throw new Error("unexpected better-sqlite3 adapter: no client");
  return client;
}

function serialize(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const connection = rawConnection(adapter);
  // Resolves when the open transaction ends; null when none is open.
  let open: Promise<void> | null = null;
  let chain: Promise<void> = Promise.resolve();

  async function startTransaction(isolationLevel?: Parameters<SqlDriverAdapter["startTransaction"]>[0]): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      // Let the adapter refuse it with its own error.
      return adapter.startTransaction(isolationLevel);
    }
    const previous = chain;
    let release!: () => void;
    const ended = new Promise<void>((resolve) => (release = resolve));
    chain = previous.then(() => ended);
    await previous;
    const finish = () => {
      // A failed COMMIT leaves the transaction open: never let later statements join it.
      if (connection.inTransaction) connection.exec("ROLLBACK");
      if (open === ended) open = null;
      release();
    };
    const next = backoff();
    for (;;) {
      // BEGIN runs synchronously inside this call, so `open` is set before any other statement can run.
      const begun = adapter.executeRaw(BEGIN_IMMEDIATE);
      if (connection.inTransaction) {
        open = ended;
        await begun;
        break;
      }
      const err = await begun.then(() => new Error("BEGIN IMMEDIATE did not begin a transaction"), (e: unknown) => e);
      const wait = isBusy(err) ? next() : null;
      if (wait === null) {
        finish();
        throw err;
      }
      await pause(wait);
    }
    const run = (sql: string) => adapter.executeRaw({ sql, args: [], argTypes: [] }).then(() => undefined);
    const transaction: Transaction = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      options: { usePhantomQuery: false },
      // Inside the transaction: straight to the connection (the write lock is held, nothing waits).
      queryRaw: (query) => adapter.queryRaw(query),
      executeRaw: (query) => adapter.executeRaw(query),
      commit: async () => finish(),
      rollback: async () => finish(),
      createSavepoint: (name) => run(`SAVEPOINT ${name}`),
      rollbackToSavepoint: (name) => run(`ROLLBACK TO ${name}`),
      releaseSavepoint: (name) => run(`RELEASE SAVEPOINT ${name}`),
    };
    return transaction;
  }

  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === "queryRaw" || prop === "executeRaw" || prop === "executeScript") {
        const method = (target[prop] as (...a: unknown[]) => Promise<unknown>).bind(target);
        return async (...args: unknown[]) => {
          const next = backoff();
          for (;;) {
            while (open) await open;
            try {
              // Called in the same tick as the check above: no transaction can begin in between.
              return await method(...args);
            } catch (err) {
              const wait = isBusy(err) ? next() : null;
              if (wait === null) throw err;
              await pause(wait);
            }
          }
        };
      }
      if (prop === "startTransaction") return startTransaction;
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

type FactoryArgs = ConstructorParameters<typeof PrismaBetterSqlite3>;

export class SerializedSqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSqlite3;

  constructor(config: FactoryArgs[0], options?: FactoryArgs[1]) {
    // No busy_timeout: waiting for a lock is done above, without blocking the event loop.
    this.#inner = new PrismaBetterSqlite3({ ...config, timeout: 0 }, options);
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return serialize(await this.#inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.#inner.connectToShadowDb();
  }
}
