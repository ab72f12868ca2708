// The outbox worker's settings, from the environment (README: "Webhooks and the outbox").
function number(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value >= min ? value : fallback;
}

export interface OutboxConfig {
  /** How often an idle worker looks for due deliveries; a local change wakes it at once. */
  pollMs: number;
  /** How long a claimed delivery stays another worker's: a worker killed mid-send loses it after this. */
  leaseMs: number;
  /** First retry delay; each retry doubles it (with ±25 % jitter) up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a delivery is retried before it is marked failed. */
  retryWindowMs: number;
  /** Deliveries sent at once by one worker. */
  concurrency: number;
}

export function outboxConfig(): OutboxConfig {
  return {
    pollMs: number("BEACON_OUTBOX_POLL_MS", 2000, 10),
    leaseMs: number("BEACON_OUTBOX_LEASE_MS", 60_000, 100),
    retryBaseMs: number("BEACON_OUTBOX_RETRY_BASE_MS", 10_000, 1),
    retryMaxMs: number("BEACON_OUTBOX_RETRY_MAX_MS", 4 * 3600_000, 1),
    retryWindowMs: number("BEACON_OUTBOX_RETRY_HOURS", 24, 0) * 3600_000,
    concurrency: Math.floor(number("BEACON_OUTBOX_CONCURRENCY", 8, 1)),
  };
}

/** The wait before retry number `attempt` (1 = the first retry): exponential, capped, ±25 % jitter. */
export function retryDelayMs(attempt: number, config: Pick<OutboxConfig, "retryBaseMs" | "retryMaxMs">, random = Math.random): number {
  const exponential = Math.min(config.retryBaseMs * 2 ** Math.max(0, attempt - 1), config.retryMaxMs);
  return Math.round(exponential * (0.75 + random() * 0.5));
}
