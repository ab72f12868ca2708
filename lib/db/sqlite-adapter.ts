// Prisma's better-sqlite3 adapter runs every query on one connection and locks only transactions
// against each other: a query from another request, issued while an interactive transaction is open,
// runs inside that transaction and is lost if it rolls back. This wrapper makes queries outside the
// transaction wait until it has ended.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

function serialize(adapter: SqlDriverAdapter): SqlDriverAdapter {
  // Resolves when the open transaction ends; null when none is open.
  let open: Promise<void> | null = null;
  let chain: Promise<void> = Promise.resolve();

  async function idle(): Promise<void> {
    while (open) await open;
  }

  async function startTransaction(...args: Parameters<SqlDriverAdapter["startTransaction"]>): Promise<Transaction> {
    const previous = chain;
    let release!: () => void;
    const ended = new Promise<void>((resolve) => (release = resolve));
    chain = previous.then(() => ended);
    await previous;
    open = ended;
    const finish = () => {
      if (open === ended) open = null;
      release();
    };
    let tx: Transaction;
    try {
      tx = await adapter.startTransaction(...args);
    } catch (err) {
      finish();
      throw err;
    }
    return new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop === "commit" || prop === "rollback") {
          return async () => {
            try {
              await target[prop]();
            } finally {
              finish();
            }
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === "queryRaw" || prop === "executeRaw" || prop === "executeScript") {
        const method = (target[prop] as (...a: unknown[]) => Promise<unknown>).bind(target);
        return async (...args: unknown[]) => {
          await idle();
          return method(...args);
        };
      }
      if (prop === "startTransaction") return startTransaction;
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export class SerializedSqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSqlite3;

  constructor(...args: ConstructorParameters<typeof PrismaBetterSqlite3>) {
    this.#inner = new PrismaBetterSqlite3(...args);
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return serialize(await this.#inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.#inner.connectToShadowDb();
  }
}
