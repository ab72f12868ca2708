// Authoring side of migrations: drives Prisma's Wasm schema engine (@prisma/schema-engine-wasm) through a
// driver adapter, since the Prisma CLI cannot run migrate here (it wants to download a native engine).
// Everything happens on a scratch database created for the call and removed afterwards. The workarounds
// below are the pitfalls listed in STACK.md ("Prisma 7 offline"); applying migrations in the app and in
// tests is the plain runner of lib/db/migrate.ts, not this development-only module.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import type { Client as PgClient, QueryResult } from "pg";
import { projectRoot, type DatabaseKind } from "../lib/config.ts";
import { testDatabaseUrl } from "./test-services.ts";

export type Provider = DatabaseKind;

export function schemaPath(provider: Provider): string {
  return path.join(projectRoot(), "prisma", provider, "schema.prisma");
}

export function migrationsPath(provider: Provider): string {
  return path.join(projectRoot(), "prisma", provider, "migrations");
}

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

// ---------------------------------------------------------------------------------------------------
// Loading the Wasm module (pitfall 1). Its entry point imports the .wasm file as an ES module, which
// Node 20 refuses without a flag, so the glue is loaded alone and the instance is handed to it.

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

declare global {
  // Read by the glue when the engine panics.
  var PRISMA_WASM_PANIC_REGISTRY: { message: string; set_message(value: string): void } | undefined;
}

let gluePromise: Promise<Glue> | undefined;
const engineTimers = new Set<NodeJS.Timeout>();
let enginesInUse = 0;

function loadGlue(): Promise<Glue> {
  gluePromise ??= (async () => {
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: "",
      set_message(value: string) {
        this.message = `RuntimeError: ${value}`;
      },
    };
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bytes = fs.readFileSync(path.join(dir, "schema_engine_bg.wasm"));
    // The engine arms timers (10 s timeouts around its queries) that it never clears; they would keep
    // the process alive after the work is done, so they are tracked and cleared once no engine is in use.
    const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
    for (const name of Object.keys(imports).filter((k) => k.startsWith("__wbg_setTimeout_"))) {
      imports[name] = (fn: () => void, ms: number) => {
        const timer = setTimeout(() => {
          engineTimers.delete(timer);
          fn();
        }, ms >>> 0);
        engineTimers.add(timer);
        return timer;
      };
    }
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  gluePromise.catch(() => (gluePromise = undefined));
  return gluePromise;
}

// ---------------------------------------------------------------------------------------------------
// Adapters

/** Returns a copy of `adapter` with some methods replaced (the adapter classes keep state in private fields). */
function withOverrides(adapter: SqlDriverAdapter, overrides: Partial<SqlDriverAdapter>): SqlDriverAdapter {
  const copy: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (q) => adapter.queryRaw(q),
    executeRaw: (q) => adapter.executeRaw(q),
    executeScript: (s) => adapter.executeScript(s),
    startTransaction: (level) => adapter.startTransaction(level),
    dispose: () => adapter.dispose(),
  };
  if (adapter.getConnectionInfo) copy.getConnectionInfo = () => adapter.getConnectionInfo!();
  return Object.assign(copy, overrides);
}

/** A scratch database, the adapter factory the engine talks to it through, and its removal. */
interface Scratch {
  /** Connection URL of the scratch database, for other tools (e.g. the runner of lib/db/migrate.ts). */
  url: string;
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Closes every connection the engine left open and deletes the scratch (and shadow) databases. */
  remove(): Promise<void>;
}

/** Tracks the adapters handed to the engine so that all of them are closed, once, whatever happens. */
class Disposer {
  private readonly pending = new Set<() => Promise<void>>();

  track(adapter: SqlDriverAdapter, after?: () => Promise<void>): SqlDriverAdapter {
    let done: Promise<void> | undefined;
    const dispose = () => {
      done ??= (async () => {
        this.pending.delete(dispose);
        try {
          await adapter.dispose();
        } finally {
          await after?.();
        }
      })();
      return done;
    };
    this.pending.add(dispose);
    return withOverrides(adapter, { dispose });
  }

  async disposeAll(): Promise<unknown[]> {
    const results = await Promise.allSettled([...this.pending].map((d) => d()));
    return results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
  }
}

// SQLite: the engine sends whole migration scripts through executeRaw, which better-sqlite3 refuses
// when they hold several statements (pitfall 3).
function sqliteMultiStatementFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return withOverrides(adapter, {
    async executeRaw(query: SqlQuery) {
      try {
        return await adapter.executeRaw(query);
      } catch (err) {
        if (query.args.length > 0 || !/more than one statement/i.test(String((err as Error)?.message))) throw err;
        await adapter.executeScript(query.sql);
        return 0;
      }
    },
  });
}

async function sqliteScratch(): Promise<Scratch> {
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beacon-author-"));
  const disposer = new Disposer();
  // The shadow database is the adapter's default, an in-memory database.
  const url = `file:${path.join(dir, "scratch.db")}`;
  const inner = new PrismaBetterSqlite3({ url });
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => disposer.track(sqliteMultiStatementFallback(await inner.connect())),
    connectToShadowDb: async () => disposer.track(sqliteMultiStatementFallback(await inner.connectToShadowDb())),
  };
  return {
    url,
    factory,
    async remove() {
      const errors = await disposer.disposeAll();
      fs.rmSync(dir, { recursive: true, force: true });
      if (errors.length > 0) throw errors[0];
    },
  };
}

interface PgParams {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
}

// pg lets a connectionString override an explicit `database`, so connections are always described by
// separate fields (pitfall 5).
export function pgParams(url: string, database?: string): PgParams {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, "$1") || "localhost",
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || "postgres",
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: database ?? (decodeURIComponent(u.pathname.slice(1)) || "postgres"),
  };
}

const CONNECT_TIMEOUT_MS = 5000;

/** Connects to the server of `url` (its own database), failing fast when nothing listens. */
export async function pgAdminClient(url = testDatabaseUrl()) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ ...pgParams(url), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  return client;
}

/** Resolves to undefined when PostgreSQL answers at `url`, else to the reason it does not. */
export async function postgresUnreachable(url = testDatabaseUrl()): Promise<string | undefined> {
  try {
    const client = await pgAdminClient(url);
    await client.end();
    return undefined;
  } catch (err) {
    return (err as Error).message || String(err);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const SCRATCH_PREFIX = "beacon_author_";
const STALE_AFTER_MS = 60 * 60 * 1000;

// A run killed before its cleanup (Ctrl-C, a closed pipe) leaves its databases behind; their names start
// with their creation time, so the next run drops those clearly older than any run can last.
async function dropStaleScratchDatabases(admin: PgClient): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
    [SCRATCH_PREFIX],
  );
  for (const { datname } of rows) {
    const created = parseInt(datname.slice(SCRATCH_PREFIX.length).split("_")[0], 36);
    if (Date.now() - created > STALE_AFTER_MS) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`).catch(() => {});
    }
  }
}

async function pgScratch(url: string): Promise<Scratch> {
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);

  // adapter-pg 7.10 cannot map the internal `"char"` type (OID 18) that the engine's introspection
  // queries return (pitfall 4): report such columns as text (OID 25). The values already are strings.
  const charAsText = (res: unknown): unknown => {
    for (const r of Array.isArray(res) ? res : [res]) {
      for (const f of (r as QueryResult | undefined)?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    }
    return res;
  };
  class CharAsTextClient extends pg.Client {}
  const baseQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (CharAsTextClient.prototype as { query: unknown }).query = function (this: PgClient, ...args: unknown[]) {
    const cb = args.findIndex((a) => typeof a === "function");
    if (cb >= 0) {
      const done = args[cb] as (err: Error | null, res: unknown) => void;
      args[cb] = (err: Error | null, res: unknown) => done(err, err ? res : charAsText(res));
      return baseQuery.apply(this, args);
    }
    const out = baseQuery.apply(this, args);
    return out instanceof Promise ? out.then(charAsText) : out;
  };

  const admin = await pgAdminClient(url);
  await dropStaleScratchDatabases(admin);
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const created: string[] = [];
  const createDb = async (name: string) => {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    created.push(name);
  };
  const dropDb = async (name: string) => {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    const i = created.indexOf(name);
    if (i >= 0) created.splice(i, 1);
  };
  const poolConfig = (database: string) => ({
    ...pgParams(url, database),
    Client: CharAsTextClient,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });

  const disposer = new Disposer();
  try {
    const main = `${SCRATCH_PREFIX}${suffix}`;
    await createDb(main);
    const inner = new PrismaPg(poolConfig(main));
    let shadows = 0;
    const factory: SqlMigrationAwareDriverAdapterFactory = {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => disposer.track(await inner.connect()),
      // The adapter's own shadow database is dropped before its pool is closed, which fails and leaks it:
      // close the pool first, then drop.
      connectToShadowDb: async () => {
        const name = `${SCRATCH_PREFIX}${suffix}_shadow${++shadows}`;
        await createDb(name);
        try {
          const adapter = await new PrismaPg(poolConfig(name)).connect();
          return disposer.track(adapter, () => dropDb(name));
        } catch (err) {
          await dropDb(name);
          throw err;
        }
      },
    };
    const scratchUrl = new URL(url);
    scratchUrl.pathname = `/${main}`;
    return {
      url: scratchUrl.toString(),
      factory,
      async remove() {
        const errors = await disposer.disposeAll();
        for (const name of [...created]) await dropDb(name).catch((err: unknown) => errors.push(err));
        await admin.end().catch((err: unknown) => errors.push(err));
        if (errors.length > 0) throw errors[0];
      },
    };
  } catch (err) {
    await disposer.disposeAll();
    for (const name of [...created]) await dropDb(name).catch(() => {});
    await admin.end().catch(() => {});
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------
// The engine

/** The committed migrations of `provider`, in the form the engine reads them. */
export function migrationList(provider: Provider): MigrationList {
  const baseDir = migrationsPath(provider);
  const lockfilePath = path.join(baseDir, "migration_lock.toml");
  const entries = fs.existsSync(baseDir) ? fs.readdirSync(baseDir, { withFileTypes: true }) : [];
  return {
    baseDir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockfilePath) ? fs.readFileSync(lockfilePath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
      .map((name) => {
        const file = path.join(baseDir, name, "migration.sql");
        return {
          path: name,
          migrationFile: {
            path: "migration.sql",
            content: fs.existsSync(file)
              ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
              : { tag: "error" as const, value: `${file} does not exist` },
          },
        };
      }),
  };
}

/**
 * Runs `fn` with a Wasm schema engine connected to a scratch database of `provider` (a temporary SQLite
 * file, or a new database on the PostgreSQL server of TEST_DATABASE_URL), then removes the scratch
 * database, its shadow databases and every connection, even when `fn` fails.
 */
export async function withSchemaEngine<T>(
  provider: Provider,
  fn: (engine: SchemaEngine, scratchUrl: string) => Promise<T>,
): Promise<T> {
  const [glue, { bindMigrationAwareSqlAdapterFactory }] = await Promise.all([
    loadGlue(),
    import("@prisma/driver-adapter-utils"),
  ]);
  const scratch = provider === "postgresql" ? await pgScratch(testDatabaseUrl()) : await sqliteScratch();
  const bound = bindMigrationAwareSqlAdapterFactory(scratch.factory);
  const file = schemaPath(provider);
  const log = (line: string) => {
    if (process.env.BEACON_DEBUG_SCHEMA_ENGINE) console.error(`[schema-engine] ${line}`);
  };
  let engine: SchemaEngine | undefined;
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  enginesInUse++;
  try {
    engine = await glue.SchemaEngine.new({ datamodels: [[file, fs.readFileSync(file, "utf8")]] }, log, bound);
    outcome = { ok: true, value: await fn(engine, scratch.url) };
  } catch (err) {
    outcome = { ok: false, error: explain(err, bound.errorRegistry) };
  }
  engine?.free();
  if (--enginesInUse === 0) {
    for (const timer of engineTimers) clearTimeout(timer);
    engineTimers.clear();
  }
  try {
    await scratch.remove();
  } catch (err) {
    if (outcome.ok) throw err;
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

interface ErrorRegistry {
  consumeError(id: number): { error: unknown } | undefined;
}

/** Puts back into an engine error the JS error an adapter threw: the engine reports only "External error id#N". */
function explain(err: unknown, registry: ErrorRegistry): unknown {
  const message = String((err as Error)?.message ?? err);
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const cause = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (cause === undefined) return err;
  const causeMessage = cause instanceof Error ? cause.message : String(cause);
  return new Error(message.replace(`External error id#${id}`, causeMessage), { cause });
}

/** True when a migration script holds nothing but comments and blank space. */
export function isEmptyMigration(sql: string): boolean {
  return sql.replace(/\/\*[\s\S]*?\*\//g, "").replace(/--.*$/gm, "").trim() === "";
}

/**
 * The SQL that takes a database holding every committed migration of prisma/<provider>/migrations to the
 * state of prisma/<provider>/schema.prisma; "" when they already agree.
 */
export async function authorMigrationSql(provider: Provider): Promise<string> {
  const migrationsList = migrationList(provider);
  const schema = { files: [{ path: schemaPath(provider), content: fs.readFileSync(schemaPath(provider), "utf8") }] };
  return withSchemaEngine(provider, async (engine) => {
    // devDiagnostic replays the migrations on the shadow database that createMigration then diffs from
    // (without it createMigration fails: "shadow DB must be provided through an external factory"), and it
    // needs the migrations table (P1014 on a fresh database, pitfall 2). Applying the committed
    // migrations first also proves that they run.
    await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    const { action } = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
    if (action.tag === "reset") throw new Error(`The committed ${provider} migrations are inconsistent: ${action.reason}`);
    const { migrationScript } = await engine.createMigration({
      draft: false,
      migrationName: "authored",
      migrationsList,
      schema,
      filters: NO_FILTER,
    });
    return migrationScript ?? "";
  });
}
