// Where Beacon keeps its data and secrets, and how it reaches its database. Read from the environment
// on every call (cheap), so tests and the setup command can change it before first use.
import path from "node:path";

export type DatabaseKind = "sqlite" | "postgresql";

export function projectRoot(): string {
  return process.env.BEACON_ROOT || process.cwd();
}

export function dataDir(): string {
  return path.resolve(projectRoot(), process.env.BEACON_DATA_DIR || "data");
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL || `file:${path.join(dataDir(), "beacon.db")}`;
}

export function databaseKind(url = databaseUrl()): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** Absolute path of a SQLite `file:` URL, resolved from the project root (never from the cwd of a child). */
export function sqlitePath(url = databaseUrl()): string {
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (raw === ":memory:") return raw;
  return path.resolve(projectRoot(), raw);
}

// Set when next-auth was given a default NEXTAUTH_URL: a default is not a configured public URL.
const NEXTAUTH_URL_DEFAULTED = "BEACON_NEXTAUTH_URL_DEFAULTED";

/**
 * For `npm start`: next-auth needs NEXTAUTH_URL, so give it the public URL or `http://localhost:PORT`,
 * without that default pinning Beacon's links and CSRF origin to localhost.
 */
export function defaultNextAuthUrl(port: number): void {
  if (process.env.NEXTAUTH_URL) return;
  process.env.NEXTAUTH_URL = process.env.BEACON_PUBLIC_URL || `http://localhost:${port}`;
  if (!process.env.BEACON_PUBLIC_URL) process.env[NEXTAUTH_URL_DEFAULTED] = "1";
}

/**
 * The origin Beacon is configured to be reached at (BEACON_PUBLIC_URL, else NEXTAUTH_URL), or null when
 * none is: then each request's Host decides. A value that is no URL counts as none.
 */
export function configuredPublicOrigin(): string | null {
  const url = process.env.BEACON_PUBLIC_URL || (process.env[NEXTAUTH_URL_DEFAULTED] ? "" : process.env.NEXTAUTH_URL);
  if (!url) return null;
  try {
    const { origin } = new URL(url);
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export interface PostgresTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  connectMs: number;
  /** One statement, enforced by the server; the client gives up a second later (a stalled network). */
  statementMs: number;
  /** A transaction left open without a statement. */
  idleInTransactionMs: number;
}

/** Bounds on every wait for PostgreSQL, so that a stalled database gives a 503 instead of a hang. */
export function postgresTimeouts(): PostgresTimeouts {
  return {
    connectMs: positiveInt("BEACON_PG_CONNECT_TIMEOUT_MS", 3000),
    statementMs: positiveInt("BEACON_PG_STATEMENT_TIMEOUT_MS", 5000),
    idleInTransactionMs: positiveInt("BEACON_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS", 10000),
  };
}

export interface PostgresPool {
  /** Connections this process keeps open at most (each instance has its own pool). */
  max: number;
  /** An idle connection is closed after this long. */
  idleMs: number;
}

/** The PostgreSQL pool of one process: BEACON_PG_POOL_MAX (10), BEACON_PG_IDLE_TIMEOUT_MS (10 s). */
export function postgresPool(): PostgresPool {
  return {
    max: positiveInt("BEACON_PG_POOL_MAX", 10),
    idleMs: positiveInt("BEACON_PG_IDLE_TIMEOUT_MS", 10_000),
  };
}

/** How long a shutdown waits for in-flight requests (then the shutdown hooks) before it cuts them: BEACON_SHUTDOWN_DRAIN_MS (10 s). */
export function shutdownDrainMs(): number {
  return positiveInt("BEACON_SHUTDOWN_DRAIN_MS", 10_000);
}

/** How long a SQLite statement waits, without blocking, for a lock held by another process. */
export function sqliteBusyTimeoutMs(): number {
  return positiveInt("BEACON_SQLITE_BUSY_TIMEOUT_MS", 5000);
}

/** Secret used to sign next-auth session cookies. */
export function sessionSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET || process.env.BEACON_SESSION_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: run `npm start` (setup) or set it in the environment");
  return secret;
}

/** Server secret keying the HMAC under which token digests are stored. */
export function tokenPepper(): string {
  const pepper = process.env.BEACON_TOKEN_PEPPER;
  if (!pepper) throw new Error("BEACON_TOKEN_PEPPER is not set: run `npm start` (setup) or set it in the environment");
  return pepper;
}
