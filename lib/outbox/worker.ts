// The outbox worker that runs in every Beacon instance: it fans new events out into deliveries, claims
// due deliveries (store.ts), sends them through their kind's sender, and schedules retries with
// exponential backoff. Any number of instances may share one database.
import { outboxConfig, type OutboxConfig } from "./config.ts";
import { onOutboxWake } from "./events.ts";
import { claimDue, dispatchEvents, errorText, nextDueAt, settle, type Claim } from "./store.ts";
import type { DeliveryKind, SendOutcome } from "./types.ts";

export interface OutboxWorkerOptions {
  kinds: readonly DeliveryKind[];
  /** Periodic jobs run before each pass (e.g. noticing that a maintenance window opened). */
  tasks?: readonly (() => Promise<void>)[];
  config?: Partial<OutboxConfig>;
  log?: (line: string) => void;
}

export interface OutboxWorker {
  /** Look for work now rather than at the next poll. */
  wake(): void;
  /** Finishes the sends under way, then stops; nothing claimed is left behind but a lease that expires. */
  stop(): Promise<void>;
  /** Resolves after the next full pass that found nothing to send (tests). */
  drained(): Promise<void>;
}

export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const config = { ...outboxConfig(), ...options.config };
  const kinds = new Map(options.kinds.map((k) => [k.kind, k]));
  const kindNames = [...kinds.keys()];
  const log = options.log ?? ((line: string) => console.error(line));
  let stopped = false;
  let woken = false;
  let wakeSleeper: (() => void) | null = null;
  let lastError = "";
  let drainWaiters: (() => void)[] = [];

  const wake = () => {
    woken = true;
    wakeSleeper?.();
  };
  const unsubscribe = onOutboxWake(wake);

  async function sendOne(claim: Claim): Promise<void> {
    const kind = kinds.get(claim.delivery.kind)!;
    let outcome: SendOutcome;
    try {
      outcome = await kind.send(claim.delivery);
    } catch (err) {
      outcome = { ok: false, error: errorText(err instanceof Error ? err.message : String(err)) };
    }
    const { written, settled } = await settle(claim, outcome, config);
    if (written) await kind.afterAttempt?.(claim.delivery, outcome, settled);
  }

  /** One pass: periodic tasks, fan-out, then claim-and-send until nothing is due. Returns whether it sent anything. */
  async function pass(): Promise<boolean> {
    for (const task of options.tasks ?? []) await task();
    while ((await dispatchEvents(options.kinds, config)) > 0 && !stopped);
    let sent = false;
    while (!stopped) {
      const claims = await claimDue(kindNames, config, config.concurrency);
      if (claims.length === 0) break;
      sent = true;
      await Promise.all(claims.map(sendOne));
    }
    return sent;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        wakeSleeper = null;
        resolve();
      }
      wakeSleeper = done;
    });
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      woken = false;
      let delay = config.pollMs;
      try {
        const sent = await pass();
        if (lastError) log("outbox: working again");
        lastError = "";
        if (!sent && !woken) {
          for (const resolve of drainWaiters) resolve();
          drainWaiters = [];
        }
        const due = await nextDueAt(kindNames);
        if (due) delay = Math.max(0, Math.min(delay, due.getTime() - Date.now() + 5));
      } catch (err) {
        // The database is away (or a sender's bookkeeping failed): say so once, keep polling.
        const message = errorText(err instanceof Error ? err.message : String(err));
        if (message !== lastError) log(`outbox: pass failed, retrying every ${config.pollMs} ms: ${message}`);
        lastError = message;
      }
      if (stopped || woken) continue;
      await sleep(delay);
    }
  }

  const running = loop();

  return {
    wake,
    drained: () => new Promise<void>((resolve) => {
      drainWaiters.push(resolve);
      wake();
    }),
    stop: async () => {
      stopped = true;
      unsubscribe();
      wakeSleeper?.();
      await running;
      for (const resolve of drainWaiters) resolve();
      drainWaiters = [];
    },
  };
}
