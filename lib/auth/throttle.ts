// Throttling of failed authentication (API.md §2), per client IP and per account: in memory by default,
// shared through Redis when REDIS_URL is set (with an in-memory insurance limiter if Redis goes away).
// Only failures are counted, and a valid token is never refused by these counters, so an attack on a
// user's password never locks their scripts out.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import Redis from "ioredis";
import { throttled } from "../errors.ts";

interface CounterSpec {
  name: string;
  points: number;
  durationSeconds: number;
}

export const LIMITS = {
  passwordPerAccountIp: { name: "pw-acct-ip", points: 10, durationSeconds: 15 * 60 },
  passwordPerIp: { name: "pw-ip", points: 100, durationSeconds: 15 * 60 },
  invalidTokenPerIp: { name: "tok-ip", points: 60, durationSeconds: 60 },
} satisfies Record<string, CounterSpec>;

type LimiterSet = Record<keyof typeof LIMITS, RateLimiterAbstract>;

const holder = globalThis as unknown as { __beaconLimiters?: LimiterSet; __beaconRedis?: Redis | null };

function build(): LimiterSet {
  const redisUrl = process.env.REDIS_URL;
  let redis: Redis | null = null;
  if (redisUrl) {
    redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // Connection errors are handled by the insurance limiter; don't crash on them.
    redis.on("error", () => {});
  }
  holder.__beaconRedis = redis;
  const make = (spec: CounterSpec): RateLimiterAbstract => {
    const options = { keyPrefix: `${process.env.REDIS_KEY_PREFIX || "beacon"}:${spec.name}`, points: spec.points, duration: spec.durationSeconds };
    const memory = new RateLimiterMemory(options);
    return redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory }) : memory;
  };
  return {
    passwordPerAccountIp: make(LIMITS.passwordPerAccountIp),
    passwordPerIp: make(LIMITS.passwordPerIp),
    invalidTokenPerIp: make(LIMITS.invalidTokenPerIp),
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
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

async function count(name: keyof typeof LIMITS, key: string): Promise<void> {
  await limiters()[name].penalty(key, 1);
}

const accountKey = (email: string, ip: string) => `${email.trim().toLowerCase()}|${ip}`;

/** Throws 429 when password attempts for this account from this IP, or from this IP at all, are exhausted. */
export async function assertPasswordAttemptAllowed(email: string, ip: string): Promise<void> {
  const wait = Math.max(await blockedFor("passwordPerAccountIp", accountKey(email, ip)), await blockedFor("passwordPerIp", ip));
  if (wait > 0) throw throttled(wait);
}

export async function recordPasswordFailure(email: string, ip: string): Promise<void> {
  await Promise.all([count("passwordPerAccountIp", accountKey(email, ip)), count("passwordPerIp", ip)]);
}

/** Throws 429 when this IP sent too many invalid tokens; called only once a token has proven invalid. */
export async function assertInvalidTokenAllowed(ip: string): Promise<void> {
  const wait = await blockedFor("invalidTokenPerIp", ip);
  if (wait > 0) throw throttled(wait);
}

export async function recordInvalidToken(ip: string): Promise<void> {
  await count("invalidTokenPerIp", ip);
}

/** Closes the Redis connection, if any (tests and shutdown); counters start afresh on next use. */
export async function closeThrottles(): Promise<void> {
  const redis = holder.__beaconRedis;
  holder.__beaconLimiters = undefined;
  holder.__beaconRedis = null;
  if (redis) await redis.quit().catch(() => redis.disconnect());
}
