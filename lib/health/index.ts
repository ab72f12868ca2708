// Liveness and readiness for load balancers and orchestrators (Kubernetes' livez/readyz): liveness is a
// constant answer that touches nothing (it is also the bench's floor: Next's own per-request cost);
// readiness asks the database one trivial question and gives it a short time to answer.
import { db } from "../db.ts";
import { isDatabaseUnavailable } from "../db/outage.ts";
import { DETAIL } from "../errors.ts";
import { shuttingDown } from "../shutdown.ts";

const HEADERS = { "Content-Type": "application/json", "Cache-Control": "no-store" };
const HEALTHY = JSON.stringify({ status: "ok" });
const READY_RETRY_AFTER_SECONDS = "5";

/** How long readiness waits for the database (BEACON_READY_TIMEOUT_MS, default 2000). */
export function readyTimeoutMs(): number {
  const n = Number(process.env.BEACON_READY_TIMEOUT_MS);
  return Number.isInteger(n) && n > 0 ? n : 2000;
}

function withoutBody(req: Request, res: Response): Response {
  return req.method === "HEAD" ? new Response(null, { status: res.status, headers: res.headers }) : res;
}

export function healthResponse(req: Request): Response {
  return withoutBody(req, new Response(HEALTHY, { status: 200, headers: HEADERS }));
}

class ReadyTimeout extends Error {}

/** Resolves when the database answered `SELECT 1` within `timeoutMs`; throws otherwise. */
export async function checkDatabase(timeoutMs = readyTimeoutMs()): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadyTimeout(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.$queryRawUnsafe("SELECT 1"), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readyResponse(req: Request): Promise<Response> {
  const started = Date.now();
  try {
    // Draining after SIGTERM: not ready, so that the load balancer sends new requests elsewhere.
    if (shuttingDown()) throw new ReadyTimeout("shutting down");
    await checkDatabase();
  } catch (err) {
    if (!(err instanceof ReadyTimeout) && !isDatabaseUnavailable(err)) console.error("readiness check failed:", err);
    const body = JSON.stringify({ detail: DETAIL.unavailable });
    return withoutBody(req, new Response(body, { status: 503, headers: { ...HEADERS, "Retry-After": READY_RETRY_AFTER_SECONDS } }));
  }
  const body = JSON.stringify({ status: "ok", database: "ok", latency_ms: Date.now() - started });
  return withoutBody(req, new Response(body, { status: 200, headers: HEADERS }));
}

/** What any other method gets (API.md §1: a JSON 405 with Allow). */
export function probeMethodNotAllowed(req: Request): Response {
  const body = JSON.stringify({ detail: `Method "${req.method}" not allowed.` });
  return new Response(body, { status: 405, headers: { ...HEADERS, Allow: "GET, HEAD, OPTIONS" } });
}

export function probeOptions(): Response {
  return new Response(JSON.stringify({ methods: ["GET", "HEAD", "OPTIONS"] }), { status: 200, headers: { ...HEADERS, Allow: "GET, HEAD, OPTIONS" } });
}
