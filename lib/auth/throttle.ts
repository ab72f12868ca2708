// Throttling of failed authentication (API.md §2), per client IP and per account: in memory by default,
// shared through Redis when REDIS_URL is set (with an in-memory insurance limiter if Redis goes away).
// Only failures are counted, and a valid token is never refused by these counters, so an attack on a
// user's password never locks their scripts out. A password attempt takes its point before the password
// is checked (and gives it back when the password was right), so parallel attempts cannot slip through.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import Redis from "ioredis";
import { throttled } from "../errors.ts";
import { noteAttack } from "../audit/attacks.ts";

interface CounterSpec {
  name: string;
  points: number;
  durationSeconds: number;
}

export const LIMITS = {
  passwordPerAccountIp: { name: "pw-acct-ip", points: 10, durationSeconds: 15 * 60 },
  passwordPerIp: { name: "pw-ip", points: 100, durationSeconds: 15 * 60 },
  invalidTokenPerIp: { name: "tok-ip", points: 60, durationSeconds: 60 },
  // Public e-mail subscriptions: every request sends a mail, so each one counts, failed or not.
  subscribePerIp: { name: "sub-ip", points: 20, durationSeconds: 60 * 60 },
  subscribePerAddress: { name: "sub-addr", points: 3, durationSeconds: 60 * 60 },
} satisfies Record<string, CounterSpec>;

type LimiterSet = Record<keyof typeof LIMITS, RateLimiterAbstract>;

const holder = globalThis as unknown as { __beaconLimiters?: LimiterSet; __beaconRedis?: Redis | null };

const DEFAULT_COMMAND_TIMEOUT_MS = 1000;
const WARNING_INTERVAL_MS = 60_000;

/** How long one Redis command may take before throttling falls back to memory (REDIS_COMMAND_TIMEOUT_MS). */
function commandTimeoutMs(): number {
  const n = Number(process.env.REDIS_COMMAND_TIMEOUT_MS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_COMMAND_TIMEOUT_MS;
}

/** The in-memory limiter standing in for Redis: used only when a Redis command failed or timed out. */
class InsuranceLimiter extends RateLimiterMemory {
  constructor(
    options: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly warned: { at: number },
  ) {
    super(options);
  }
  private warn() {
    const now = Date.now();
    if (now - this.warned.at < WARNING_INTERVAL_MS) return;
    this.warned.at = now;
    console.warn(`Beacon: Redis (REDIS_URL) failed or did not answer within ${commandTimeoutMs()} ms; failed-login throttling falls back to this instance's memory until it answers again.`);
  }
  consume(...args: Parameters<RateLimiterMemory["consume"]>) {
    this.warn();
    return super.consume(...args);
  }
  reward(...args: Parameters<RateLimiterMemory["reward"]>) {
    this.warn();
    return super.reward(...args);
  }
  get(...args: Parameters<RateLimiterMemory["get"]>) {
    this.warn();
    return super.get(...args);
  }
}

function build(): LimiterSet {
  const redisUrl = process.env.REDIS_URL;
  let redis: Redis | null = null;
  if (redisUrl) {
    const commandTimeout = commandTimeoutMs();
    redis = new Redis(redisUrl, {
      // A command sent before the connection is up (a fresh start, a reconnect) waits for it in the
      // offline queue rather than failing over to an empty in-memory limiter; every command, queued or
      // sent, gives up after commandTimeout so a stalled Redis never hangs a request.
      enableOfflineQueue: true,
      commandTimeout,
      connectTimeout: Math.max(commandTimeout, 2000),
      maxRetriesPerRequest: 1,
    });
    // Connection errors are handled by the insurance limiter (which logs); don't crash on them.
    redis.on("error", () => {});
  }
  holder.__beaconRedis = redis;
  const warned = { at: -Infinity }; // one warning a minute for this client's limiters
  const make = (spec: CounterSpec): RateLimiterAbstract => {
    const options = { keyPrefix: `${process.env.REDIS_KEY_PREFIX || "beacon"}:${spec.name}`, points: spec.points, duration: spec.durationSeconds };
    return redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new InsuranceLimiter(options, warned) }) : new RateLimiterMemory(options);
  };
  return {
    passwordPerAccountIp: make(LIMITS.passwordPerAccountIp),
    passwordPerIp: make(LIMITS.passwordPerIp),
    invalidTokenPerIp: make(LIMITS.invalidTokenPerIp),
    subscribePerIp: make(LIMITS.subscribePerIp),
    subscribePerAddress: make(LIMITS.subscribePerAddress),
  };
}

function limiters(): LimiterSet {
  holder.__beaconLimiters ??= build();
  return holder.__beaconLimiters;
}

/** Seconds until the key may try again, or 0 when it is not throttled. */
async function blockedFor(name: keyof typeof LIMITS, key: string): Promise<number> {
  const res = await limiters()[name].get(key);
  if (!res || res.consumedPoints < LIMITS[name].points) return 0;
  return waitSeconds(res);
}

const waitSeconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Takes one point atomically (in Redis: one INCR); the seconds to wait when none was left, else 0. */
async function take(name: keyof typeof LIMITS, key: string): Promise<number> {
  try {
    await limiters()[name].consume(key, 1);
    return 0;
  } catch (res) {
    if (res instanceof RateLimiterRes) return waitSeconds(res);
    throw res;
  }
}

async function giveBack(name: keyof typeof LIMITS, key: string): Promise<void> {
  await limiters()[name].reward(key, 1);
}

/** The 429 for a spent budget, audited (aggregated per IP and minute). */
async function refused(ip: string, wait: number) {
  await noteAttack("auth.throttled", ip);
  return throttled(wait);
}

const accountKey = (email: string, ip: string) => `${email.trim().toLowerCase()}|${ip}`;

export interface PasswordAttempt {
  /** Gives the points back: the password was right, or never checked (only failures count). */
  release(): Promise<void>;
}

/** One try at both reservations: 0 when both were granted, else the seconds to wait (nothing kept). */
async function tryReserve(account: string, ip: string): Promise<number> {
  const [accountWait, ipWait] = await Promise.all([take("passwordPerAccountIp", account), take("passwordPerIp", ip)]);
  if (accountWait === 0 && ipWait === 0) return 0;
  // Refused: both points go back, so a counter holds exactly the attempts checked or being checked.
  await Promise.all([giveBack("passwordPerAccountIp", account), giveBack("passwordPerIp", ip)]);
  return Math.max(accountWait, ipWait);
}

// A budget may be full of attempts still being checked (~30 ms of argon2) that will give their points
// back (right passwords): a refused reservation is retried for this long before answering 429.
const RESERVE_PATIENCE_MS = 1500;
const SLOW_STORE_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reserves one attempt for this account from this IP, and one for this IP, before the password is
 * checked: parallel attempts cannot all pass a check made before any of them is counted. Throws 429 when
 * either budget is spent.
 */
export async function reservePasswordAttempt(email: string, ip: string): Promise<PasswordAttempt> {
  const account = accountKey(email, ip);
  const deadline = Date.now() + RESERVE_PATIENCE_MS;
  for (let delay = 20; ; delay *= 2) {
    const started = Date.now();
    const wait = await tryReserve(account, ip);
    if (wait === 0) break;
    // A slow store (Redis stalling, answered by the fallback) is not asked again: that only adds waiting.
    const slow = Date.now() - started > SLOW_STORE_MS;
    if (slow || Date.now() + delay > deadline) throw await refused(ip, wait);
    await sleep(delay);
  }
  return {
    release: async () => {
      await Promise.all([giveBack("passwordPerAccountIp", account), giveBack("passwordPerIp", ip)]);
    },
  };
}

/**
 * Throws 429 when this account from this IP, or this IP, has spent its budget of wrong passwords; takes
 * nothing. For a credential already verified (lib/auth/password-cache.ts): it never costs a reservation,
 * yet a throttled client learns nothing from guessing, since a right guess is refused like a wrong one.
 */
export async function assertPasswordAllowed(email: string, ip: string): Promise<void> {
  const [accountWait, ipWait] = await Promise.all([blockedFor("passwordPerAccountIp", accountKey(email, ip)), blockedFor("passwordPerIp", ip)]);
  const wait = Math.max(accountWait, ipWait);
  if (wait > 0) throw await refused(ip, wait);
}

/** Throws 429 when this IP sent too many invalid tokens (a live but refused token is checked with this). */
export async function assertInvalidTokenAllowed(ip: string): Promise<void> {
  const wait = await blockedFor("invalidTokenPerIp", ip);
  if (wait > 0) throw await refused(ip, wait);
}

/** Counts one key that matched no live token; throws 429 when this IP has no invalid tokens left. */
export async function countInvalidToken(ip: string): Promise<void> {
  const wait = await take("invalidTokenPerIp", ip);
  if (wait > 0) throw await refused(ip, wait);
}

/** Gives back a point taken by countInvalidToken for a key that turned out to be live (revoke by key). */
export async function forgiveInvalidToken(ip: string): Promise<void> {
  await giveBack("invalidTokenPerIp", ip);
}

/**
 * Counts one subscription request (each sends a confirmation mail): at most 20 per IP and 3 per address an
 * hour, whether or not the address is known, so a 429 tells nothing about who subscribed. Throws 429.
 */
export async function takeSubscriptionRequest(email: string, ip: string): Promise<void> {
  const [ipWait, addressWait] = await Promise.all([take("subscribePerIp", ip), take("subscribePerAddress", email.trim().toLowerCase())]);
  const wait = Math.max(ipWait, addressWait);
  if (wait > 0) throw throttled(wait);
}

/** Closes the Redis connection, if any (tests and shutdown); counters start afresh on next use. */
export async function closeThrottles(): Promise<void> {
  const redis = holder.__beaconRedis;
  holder.__beaconLimiters = undefined;
  holder.__beaconRedis = null;
  if (redis) await redis.quit().catch(() => redis.disconnect());
}
