// Beacon's own HTTP server: Next.js behind a thin node:http layer that tells the app who the client is.
// `next start` alone lets a client claim any X-Forwarded-For (STACK.md), so the app never reads that
// header; it reads x-beacon-client-ip, which only this server sets.
import http from "node:http";
import next from "next";
import { watchRequest, type RequestSignal } from "./lib/db/outage.ts";
import { CLIENT_IP_HEADER, HOST_HEADER, OWN_HEADERS, PROTO_HEADER, cidrMatcher, markBeaconServer, normalizeIp, resolveClientIp, trustedProxies } from "./lib/net.ts";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.split(",")[0]?.trim() || undefined;
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

  const server = http.createServer((req, res) => {
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
  const shownHost = !options.hostname || options.hostname === "0.0.0.0" || options.hostname === "::" ? "localhost" : options.hostname;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
