// The public-response cache: what every anonymous visitor gets alike (the status pages, the feeds,
// /api/v2, the badge, anonymous /api/v1 reads) is built once per key and shared, so a crowd costs one
// rebuild every few seconds instead of one per visitor (API.md §4 allows 5 s of staleness).
//
// - Fresh for FRESH_MS; for STALE_MS more it is still served while one rebuild runs in the background;
//   older than that, requests wait for the rebuild. Concurrent misses share one rebuild (single-flight).
// - Every copy is kept under the access-state version (lib/access-state) it was built at, and served only
//   while a fresh read of the version (one primary-key read per request) still returns it: a change of
//   settings, roles or the public role applies from the very next request, on every instance.
// - When the database is unreachable, a key that allows it gets its last good copy with its age, never
//   a 500; with no copy the caller's own 503 stands.
// - A write through this process's API (lib/api's wrapper calls noteContentChange) drops every copy at
//   once, so whoever changed something sees it on their next read; other instances within FRESH_MS.
// Per process and in memory (on globalThis: Beacon's server and Next's bundle load this file as two
// modules and must share one cache), bounded by MAX_ENTRIES.
import { createHash } from "node:crypto";
import { readAccessVersion } from "../access-state/index.ts";
import { isDatabaseUnavailable } from "../db/outage.ts";

/** Cache-Control of every shared answer: CDNs and proxies may keep it 5 s and serve it 30 s more while they refresh. */
export const PUBLIC_CACHE_CONTROL = "public, s-maxage=5, stale-while-revalidate=30";
/** Cache-Control of anything that depends on who asks. */
export const PRIVATE_CACHE_CONTROL = "private, no-store";
/** Set on a copy served because the database is unreachable: its value is the copy's age in seconds. */
export const STALE_HEADER = "Beacon-Stale";

const FRESH_MS = Number(process.env.BEACON_PUBLIC_CACHE_FRESH_MS ?? 2000);
const STALE_MS = 2000;
const MAX_ENTRIES = 1000;
/** Statuses worth sharing: what a rebuild would answer the same way. Anything else passes through. */
const SHARED_STATUSES = new Set([200, 404]);

/** What a rebuild produced: the response as it would be sent, with its body. */
export interface Built {
  status: number;
  body: Buffer;
  headers: Record<string, string>;
}

export interface Snapshot extends Built {
  etag: string;
  builtAt: number;
  version: number;
  /** The process's content generation when the rebuild started (noteContentChange moves it). */
  generation: number;
}

export interface Served {
  snapshot: Snapshot;
  /** Seconds since the copy was built. */
  age: number;
  /** Served because the database is unreachable. */
  outage: boolean;
}

export interface CacheOptions {
  /** When the database is down, answer with the last good copy (whatever its version). */
  serveStaleOnOutage?: boolean;
  /** The ETag is weak: the bytes sent differ per response (a page's fresh CSP nonce). */
  weakEtag?: boolean;
}

interface CacheState {
  entries: Map<string, Snapshot>;
  flights: Map<string, Promise<Snapshot | Built>>;
  generation: number;
  rebuilds: number;
}

const holder = globalThis as unknown as { __beaconPublicCache?: CacheState };
const state = (holder.__beaconPublicCache ??= { entries: new Map(), flights: new Map(), generation: 0, rebuilds: 0 });
const { entries, flights } = state;

function etagOf(body: Buffer, weak: boolean): string {
  const tag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return weak ? `W/${tag}` : tag;
}

function store(key: string, snapshot: Snapshot): void {
  entries.delete(key);
  entries.set(key, snapshot);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

const isSnapshot = (value: Snapshot | Built): value is Snapshot => "etag" in value;

/** One rebuild of `key` at `version`, shared by every request that asks meanwhile. */
function rebuild(key: string, version: number, build: () => Promise<Built>, options: CacheOptions): Promise<Snapshot | Built> {
  const generation = state.generation;
  const flightKey = `${version} ${generation} ${key}`;
  let flight = flights.get(flightKey);
  if (!flight) {
    flight = (async () => {
      try {
        state.rebuilds++;
        const built = await build();
        if (!SHARED_STATUSES.has(built.status)) return built;
        const snapshot: Snapshot = { ...built, etag: etagOf(built.body, !!options.weakEtag), builtAt: Date.now(), version, generation };
        // A write landed while this rebuild ran: its copy may predate the write, so it is not kept.
        if (generation === state.generation) store(key, snapshot);
        return snapshot;
      } finally {
        flights.delete(flightKey);
      }
    })();
    flights.set(flightKey, flight);
  }
  return flight;
}

const served = (snapshot: Snapshot, outage = false): Served => ({ snapshot, age: Math.max(0, Math.floor((Date.now() - snapshot.builtAt) / 1000)), outage });

/** The response a rebuild gave for a database outage (a 503 from the error mapper or the page). */
const isOutageAnswer = (built: Built) => built.status === 503;

/**
 * The shared answer for `key`: a cached copy when it is fresh enough and of the current access-state
 * version, else the result of (one) `build()`. A `Built` comes back as is when it is not shareable (a
 * 401, a 503 with no copy to fall back on). Errors of `build` propagate, unless they mean the database
 * is down and a copy may stand in.
 */
export async function cachedAnswer(key: string, build: () => Promise<Built>, options: CacheOptions = {}): Promise<Served | Built> {
  const last = entries.get(key);
  const fallback = () => (options.serveStaleOnOutage && last ? served(last, true) : null);
  let version: number;
  try {
    version = await readAccessVersion();
  } catch (err) {
    const copy = isDatabaseUnavailable(err) ? fallback() : null;
    if (copy) return copy;
    throw err;
  }
  if (last && last.version === version && last.generation === state.generation) {
    const age = Date.now() - last.builtAt;
    if (age < FRESH_MS) return served(last);
    if (age < FRESH_MS + STALE_MS) {
      rebuild(key, version, build, options).catch((err) => console.error("public cache: background rebuild failed:", err));
      return served(last);
    }
  }
  try {
    const result = await rebuild(key, version, build, options);
    if (isSnapshot(result)) return served(result);
    return (isOutageAnswer(result) && fallback()) || result;
  } catch (err) {
    const copy = isDatabaseUnavailable(err) ? fallback() : null;
    if (copy) return copy;
    throw err;
  }
}

/** Whether `If-None-Match` names this ETag (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}

/** The headers a served copy is sent with (besides its own): validator, caching, age and the outage mark. */
export function servedHeaders({ snapshot, age, outage }: Served): Record<string, string> {
  return {
    ETag: snapshot.etag,
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    Age: String(age),
    ...(outage ? { [STALE_HEADER]: `${age}; reason="database unavailable"` } : {}),
  };
}

/** A write went through this process: no copy built before it is served again (the last good ones stay for outages). */
export function noteContentChange(): void {
  state.generation++;
}

/** Counters for tests and the bench: how many rebuilds ran in this process, how many copies it holds. */
export function cacheStats(): { rebuilds: number; entries: number } {
  return { rebuilds: state.rebuilds, entries: entries.size };
}
