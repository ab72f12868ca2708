// A real HTTP receiver for webhook tests, on an ephemeral port of 127.0.0.1: it records every request
// (headers and raw body) and answers with the status the test sets. `down()` closes the port (connection
// refused), `up()` opens the same port again.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Receipt {
  headers: Record<string, string>;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  receipts: Receipt[];
  /** The status answered from now on (default 204), after `delayMs`; "hang" never answers. */
  respondWith(status: number | "hang", delayMs?: number): void;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
  /** Resolves once `count` receipts (in total) have arrived, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<Receipt[]>;
}

export async function startReceiver(): Promise<Receiver> {
  const receipts: Receipt[] = [];
  let status: number | "hang" = 204;
  let delay = 0;
  let waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      receipts.push({ headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      for (const w of waiters) w();
      const answer = status;
      if (answer === "hang") return;
      setTimeout(() => {
        res.writeHead(answer, { "content-type": "text/plain" });
        res.end(answer >= 400 ? "receiver says no" : "");
      }, delay);
    });
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}/hook`,
    receipts,
    respondWith: (s, delayMs = 0) => {
      status = s;
      delay = delayMs;
    },
    down: close,
    up: () => listen(port),
    close: async () => {
      if (server.listening) await close();
    },
    waitFor: (count, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (receipts.length >= count) {
            clearTimeout(timer);
            waiters = waiters.filter((w) => w !== check);
            resolve(receipts);
          }
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== check);
          reject(new Error(`expected ${count} webhook receipts, got ${receipts.length}`));
        }, timeoutMs);
        waiters.push(check);
        check();
      }),
  };
}

/** Polls `probe` until it returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
