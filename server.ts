// Beacon's own HTTP server: Next.js behind a thin node:http layer that tells the app who the client is.
// `next start` alone lets a client claim any X-Forwarded-For (STACK.md), so the app never reads that
// header; it reads x-beacon-client-ip, which only this server sets.
import http from "node:http";
import next from "next";
import { watchRequest, type RequestSignal } from "./lib/db/outage.ts";
import { startNotifications } from "./lib/notifications/index.ts";
import { CLIENT_IP_HEADER, HOST_HEADER, OWN_HEADERS, PROTO_HEADER, cidrMatcher, markBeaconServer, normalizeIp, resolveClientIp, trustedProxies } from "./lib/net.ts";

/** The methods Next's route handlers and pages take; Next answers any other with a 500 or a bodiless 400 before a route runs. */
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const PAGE_ALLOW = "GET, HEAD";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.split(",")[0]?.trim() || undefined;
}

/** The Allow header and status that OPTIONS gets for this path from the app itself (asked anonymously over loopback). */
function allowOf(origin: { host: string; port: number }, path: string, agent: http.Agent): Promise<{ status: number; allow: string | undefined }> {
  return new Promise((resolve) => {
    const req = http.request({ ...origin, agent, method: "OPTIONS", path, headers: { Accept: "application/json" } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 500, allow: res.headers.allow }));
    });
    req.on("error", () => resolve({ status: 500, allow: undefined }));
    req.setTimeout(10_000, () => req.destroy());
    req.end();
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), "Cache-Control": "no-store" });
  res.end(text);
}

/**
 * Answers a method Next does not know (TRACE, PROPFIND, …) as API.md §1 says: under /api/ a JSON 405 with
 * the Allow the endpoint gives (a JSON 404 when the path is unknown there too); elsewhere a 405.
 */
async function refuseUnknownMethod(req: http.IncomingMessage, res: http.ServerResponse, origin: { host: string; port: number }, agent: http.Agent): Promise<void> {
  const method = req.method ?? "";
  const path = (req.url ?? "/").startsWith("/") ? (req.url ?? "/") : "/";
  const notAllowed = { detail: `Method "${method}" not allowed.` };
  if (!/^\/api(\/|$|\?)/.test(path)) return sendJson(res, 405, notAllowed, { Allow: PAGE_ALLOW });
  const { status, allow } = await allowOf(origin, path, agent);
  if (status === 404) return sendJson(res, 404, { detail: "Not found." });
  sendJson(res, 405, notAllowed, { Allow: allow ?? "OPTIONS" });
}

// A page whose render failed because the database is down (its error boundary shows "temporarily
// unavailable") is a 503 with Retry-After, not Next's 500: an error boundary cannot set the status.
function answerOutagesWith503(res: http.ServerResponse, signal: RequestSignal): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, statusCode: number, ...rest: unknown[]) {
    if ((signal.databaseUnavailable && statusCode >= 500) || signal.pageUnavailable) {
      statusCode = 503;
      const headers = rest.find((a) => typeof a === "object" && a !== null);
      if (Array.isArray(headers)) headers.push("Retry-After", "5");
      else if (headers) (headers as Record<string, string>)["Retry-After"] = "5";
      else this.setHeader("Retry-After", "5");
    }
    return (writeHead as (...a: unknown[]) => http.ServerResponse).call(this, statusCode, ...rest);
  } as typeof res.writeHead;
}

export async function startServer(options: { port: number; hostname?: string; dir?: string }): Promise<RunningServer> {
  markBeaconServer();
  const app = next({ dev: false, dir: options.dir ?? process.cwd(), hostname: options.hostname, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trusted = trustedProxies();
  const isTrusted = cidrMatcher(trusted);

  const loopbackAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  let selfOrigin = { host: "127.0.0.1", port: options.port };

  const server = http.createServer((req, res) => {
    // A response sent before the request's body was read to its end (a 413, a 401 before the body):
    // the rest of that body would sit in front of the next request on this connection, which would
    // then never be answered. Close the connection after such a response instead.
    const writeHead = res.writeHead;
    res.writeHead = function (this: http.ServerResponse, ...args: Parameters<typeof writeHead>) {
      if (!req.complete) this.setHeader("Connection", "close");
      return writeHead.apply(this, args);
    } as typeof writeHead;
    if (!KNOWN_METHODS.has(req.method ?? "")) {
      refuseUnknownMethod(req, res, selfOrigin, loopbackAgent).catch(() => res.destroy());
      return;
    }
    const signal: RequestSignal = { databaseUnavailable: false };
    for (const name of OWN_HEADERS) delete req.headers[name];
    // Node keeps only the first of several Authorization headers; the app must see them all to refuse
    // conflicting credentials instead of silently picking one.
    const authorizations = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i].toLowerCase() === "authorization").length;
    if (authorizations > 1) {
      req.headers.authorization = req.rawHeaders.filter((_, i) => i % 2 === 1 && req.rawHeaders[i - 1].toLowerCase() === "authorization").join(", ");
    }
    const socketIp = normalizeIp(req.socket.remoteAddress ?? "");
    const forwardedFor = req.headers["x-forwarded-for"];
    req.headers[CLIENT_IP_HEADER] = resolveClientIp(socketIp, Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor, trusted);
    const viaProxy = trusted.length > 0 && isTrusted(socketIp);
    const proto = viaProxy ? firstValue(req.headers["x-forwarded-proto"]) : undefined;
    const host = viaProxy ? firstValue(req.headers["x-forwarded-host"]) : undefined;
    req.headers[PROTO_HEADER] = proto === "https" ? "https" : "encrypted" in req.socket ? "https" : "http";
    if (host) req.headers[HOST_HEADER] = host;
    answerOutagesWith503(res, signal);
    watchRequest(signal, () =>
      handle(req, res).catch((err: unknown) => {
        console.error("request failed", err);
        if (!res.headersSent) {
          res.writeHead(500, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ detail: "A server error occurred." }));
        }
      }),
    );
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const boundTo = typeof address === "object" && address ? address.address : "127.0.0.1";
  selfOrigin = { host: boundTo === "0.0.0.0" ? "127.0.0.1" : boundTo === "::" ? "::1" : boundTo, port };
  // The outbox worker of this instance (webhooks, e-mail); BEACON_OUTBOX_WORKER=0 runs a web-only instance.
  const outbox = process.env.BEACON_OUTBOX_WORKER === "0" ? null : startNotifications();
  const shownHost = !options.hostname || options.hostname === "0.0.0.0" || options.hostname === "::" ? "localhost" : options.hostname;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        loopbackAgent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }).then(() => outbox?.stop()),
  };
}
