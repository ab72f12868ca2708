// Whether an error means "the database is not serving right now" (unreachable, missing, refusing
// connections, connection killed, timed out, locked) rather than "this request is wrong"; and a
// per-request signal that such an error happened, so that Beacon's server can answer a page that
// failed because of it with 503 + Retry-After instead of 500.
import { AsyncLocalStorage } from "node:async_hooks";

// PostgreSQL SQLSTATEs: connection exceptions (08), insufficient resources (53), operator intervention
// (57: terminated by an administrator, shutting down, starting up, statement timeout),
// idle-in-transaction timeout (25P03).
const UNAVAILABLE_SQLSTATE = /^(08...|53...|57P0[1-4]|57014|25P03)$/;
const UNAVAILABLE_KINDS = ["DatabaseNotReachable", "DatabaseDoesNotExist", "SocketTimeout", "ConnectionClosed", "TooManyConnections"];
const UNAVAILABLE_CODES = ["P1001", "P1002", "P1003", "P1008", "P1017", "P2024", "P2037"];
const UNAVAILABLE_TEXT =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|DatabaseNotReachable|SQLITE_BUSY|SQLITE_CANTOPEN|database is locked|too many clients|timeout exceeded when trying to connect|Query read timeout|is not queryable/i;

interface DriverCause {
  kind?: string;
  originalCode?: string;
  originalMessage?: string;
}

interface DatabaseError {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: DriverCause } };
}

/** For Prisma's errors (PrismaClient*Error) and for the driver adapter's (DriverAdapterError, pg's own). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = (err ?? {}) as DatabaseError;
  const driver = e.meta?.driverAdapterError?.cause ?? (e.name === "DriverAdapterError" ? (e.cause as DriverCause | undefined) : undefined);
  const sqlState = driver?.originalCode ?? "";
  return (
    e.name === "PrismaClientInitializationError" ||
    UNAVAILABLE_CODES.includes(e.code ?? "") ||
    UNAVAILABLE_KINDS.includes(driver?.kind ?? "") ||
    UNAVAILABLE_SQLSTATE.test(sqlState) ||
    (sqlState === "55000" && /not currently accepting connections/i.test(driver?.originalMessage ?? "")) ||
    (e.code === "P2028" && /Unable to start a transaction|expired transaction/i.test(e.message ?? "")) ||
    UNAVAILABLE_TEXT.test(`${e.name ?? ""} ${e.code ?? ""} ${e.message ?? ""}`)
  );
}

export interface RequestSignal {
  /** A database query of this request failed because of an outage. */
  databaseUnavailable: boolean;
  /** The page rendered its "temporarily unavailable" notice itself: answer 503 whatever Next says. */
  pageUnavailable?: boolean;
  /** When set (a number), counts the SQL statements this request sent: tests hold the query budget of a path with it. */
  statements?: number;
}

// On globalThis: Beacon's server and Next's bundle of lib/ load this file as two separate modules.
const holder = globalThis as unknown as { __beaconRequestSignal?: AsyncLocalStorage<RequestSignal> };
const storage = (holder.__beaconRequestSignal ??= new AsyncLocalStorage<RequestSignal>());

/** Runs one request's handling with `signal`, which then tells whether a database outage hit it. */
export function watchRequest<T>(signal: RequestSignal, handle: () => T): T {
  return storage.run(signal, handle);
}

/** Called by a page that caught an outage and shows the notice: the response becomes a 503. */
export function markPageUnavailable(): void {
  const signal = storage.getStore();
  if (signal) signal.pageUnavailable = true;
}

/** Notes, for the current request, a database error that means an outage. */
export function noteDatabaseError(err: unknown): void {
  const signal = storage.getStore();
  if (signal && isDatabaseUnavailable(err)) signal.databaseUnavailable = true;
}

/** The same object, with every promise-returning method in `names` noting the errors it rejects with. */
function noting<T extends object>(target: T, names: string[], wrapResult?: (prop: string, value: unknown) => unknown): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== "function") return value;
      if (typeof prop !== "string" || !names.includes(prop)) return value.bind(obj);
      return async (...args: unknown[]) => {
        const signal = prop === "queryRaw" || prop === "executeRaw" ? storage.getStore() : undefined;
        if (signal?.statements !== undefined) signal.statements++;
        try {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args);
          return wrapResult ? wrapResult(prop, result) : result;
        } catch (err) {
          noteDatabaseError(err);
          throw err;
        }
      };
    },
  });
}

const QUERIES = ["queryRaw", "executeRaw", "executeScript", "commit", "rollback"];

/** A driver adapter factory whose connections note outage errors for the request they serve. */
export function notingOutages<F extends { connect(): Promise<object> }>(factory: F): F {
  return noting(factory, ["connect"], (_prop, adapter) =>
    noting(adapter as object, [...QUERIES, "startTransaction"], (prop, tx) => (prop === "startTransaction" ? noting(tx as object, QUERIES) : tx)),
  );
}
