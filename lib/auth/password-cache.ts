// A short-lived, bounded, in-memory cache of verified Basic credentials (Elasticsearch's realm cache), so
// a script sending Basic auth on every request pays argon2id (~30 ms of CPU) once, not per request.
// Entries are keyed by an HMAC of email:password under a random key of this process (neither the
// password nor a fast unkeyed hash of it is ever kept), hold only the user id, e-mail and
// session_version the password was verified against, and are revalidated on every hit by the caller's
// read of the user: a password change, deactivation or role change bumps session_version
// (lib/users), so the old credential fails from the very next request. Only successes are stored: a
// wrong password can never hit.
import { createHmac, randomBytes } from "node:crypto";

export interface VerifiedCredential {
  userId: number;
  email: string;
  sessionVersion: number;
}

interface Entry extends VerifiedCredential {
  expiresAt: number;
}

const DEFAULT_TTL_SECONDS = 300;
const DEFAULT_MAX_ENTRIES = 10_000;

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** BEACON_BASIC_AUTH_CACHE_TTL_SECONDS (default 300; 0 turns the cache off). */
export const cacheTtlMs = () => setting("BEACON_BASIC_AUTH_CACHE_TTL_SECONDS", DEFAULT_TTL_SECONDS) * 1000;
/** BEACON_BASIC_AUTH_CACHE_SIZE (default 10000 credentials; the least recently used go first). */
export const cacheMaxEntries = () => setting("BEACON_BASIC_AUTH_CACHE_SIZE", DEFAULT_MAX_ENTRIES);

// One cache per process, shared by Beacon's server and Next's bundle of lib/.
const holder = globalThis as unknown as { __beaconPasswordCache?: { key: Buffer; entries: Map<string, Entry>; hits: number; misses: number } };
const state = (holder.__beaconPasswordCache ??= { key: randomBytes(32), entries: new Map(), hits: 0, misses: 0 });

/** The cache key of a credential: HMAC-SHA256 under this process's secret (email normalized by the caller). */
export function credentialKey(email: string, password: string): string {
  return createHmac("sha256", state.key).update(email, "utf8").update("\u0000").update(password, "utf8").digest("base64url");
}

/** The verified credential under this key, if fresh (it becomes the most recently used). */
export function lookupVerified(key: string, now = Date.now()): VerifiedCredential | null {
  const entry = state.entries.get(key);
  if (!entry || entry.expiresAt <= now) {
    if (entry) state.entries.delete(key);
    state.misses++;
    return null;
  }
  state.entries.delete(key);
  state.entries.set(key, entry);
  state.hits++;
  return { userId: entry.userId, email: entry.email, sessionVersion: entry.sessionVersion };
}

/** Remembers a credential whose password was just verified against this session_version. */
export function rememberVerified(key: string, credential: VerifiedCredential, now = Date.now()): void {
  const ttl = cacheTtlMs();
  const max = cacheMaxEntries();
  if (ttl === 0 || max === 0) return;
  state.entries.delete(key);
  while (state.entries.size >= max) state.entries.delete(state.entries.keys().next().value!);
  state.entries.set(key, { ...credential, expiresAt: now + ttl });
}

/** Drops a credential that no longer holds (its user changed). */
export function forgetVerified(key: string): void {
  state.entries.delete(key);
}

/** Counters for tests and diagnostics. */
export function passwordCacheStats(): { size: number; hits: number; misses: number } {
  return { size: state.entries.size, hits: state.hits, misses: state.misses };
}

/** Empties the cache (tests). */
export function clearPasswordCache(): void {
  state.entries.clear();
}
