// Graceful shutdown, shared by every part of one process: the server (server.ts) drains HTTP on SIGTERM
// or SIGINT, then runs the hooks registered here (a background worker stops, a cache flushes), then
// closes the database pool and Redis. Kept on globalThis, so that code bundled by Next and the compiled
// server see one registry.

export type ShutdownHook = () => void | Promise<void>;

interface ShutdownState {
  hooks: { name: string; hook: ShutdownHook }[];
  /** Set when the drain starts: readiness checks answer 503 and new work should not start. */
  since: number | null;
}

const holder = globalThis as unknown as { __beaconShutdown?: ShutdownState };
const state = (holder.__beaconShutdown ??= { hooks: [], since: null });

/**
 * Runs `hook` once at shutdown, after in-flight HTTP requests finished and before the database pool
 * and Redis close (so the hook may still use them). Hooks run concurrently, each bounded by the
 * shutdown's time left; a hook that throws is logged and does not stop the others. Returns a function
 * that unregisters it (a worker stopped earlier).
 */
export function onShutdown(name: string, hook: ShutdownHook): () => void {
  const entry = { name, hook };
  state.hooks.push(entry);
  return () => {
    const i = state.hooks.indexOf(entry);
    if (i >= 0) state.hooks.splice(i, 1);
  };
}

/** Whether this process is shutting down (draining): e.g. readiness answers 503 from then on. */
export function shuttingDown(): boolean {
  return state.since !== null;
}

/** Marks the start of the drain (server.ts, on the first signal). */
export function beginShutdown(): void {
  state.since ??= Date.now();
}

/** Runs every registered hook once, all within `timeoutMs`; returns the names of those that failed or timed out. */
export async function runShutdownHooks(timeoutMs: number, log: (line: string) => void = console.warn): Promise<string[]> {
  const hooks = state.hooks.splice(0);
  const failed: string[] = [];
  await Promise.all(
    hooks.map(async ({ name, hook }) => {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timeout">((resolve) => {
        // Not unref'd: the shutdown itself keeps the process alive until its bound.
        timer = setTimeout(() => resolve("timeout"), Math.max(0, timeoutMs));
      });
      try {
        const result = await Promise.race([Promise.resolve().then(hook), timedOut]);
        if (result === "timeout") {
          failed.push(name);
          log(`Beacon: shutdown hook "${name}" did not finish within ${timeoutMs} ms`);
        }
      } catch (err) {
        failed.push(name);
        log(`Beacon: shutdown hook "${name}" failed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return failed;
}
