// CORS (API.md §1): preflights are answered without credentials; cross-origin reads with header
// credentials are allowed from BEACON_CORS_ORIGINS; `*` there allows anonymous reads from anywhere.
// Cookies are never accepted cross-origin (lib/auth/authenticate.ts ignores them on reads, refuses writes as CSRF).
import { CREDENTIAL_HEADERS } from "../credential-headers.ts";
import { requestOrigin } from "../net.ts";

const ALLOW_HEADERS = ["Accept", ...CREDENTIAL_HEADERS.slice(0, 1), "Content-Type", ...CREDENTIAL_HEADERS.slice(1)].join(", ");
const EXPOSE_HEADERS = "Allow, Retry-After, Token-Expires, WWW-Authenticate";

function configuredOrigins(): string[] {
  return (process.env.BEACON_CORS_ORIGINS || "")
    .split(",")
    .map((s) => s.trim().replace(/\/$/, ""))
    .filter(Boolean);
}

export function isPreflight(req: Request): boolean {
  return req.method === "OPTIONS" && req.headers.has("origin") && req.headers.has("access-control-request-method");
}

/** The Access-Control-Allow-Origin value for this request, or null (same-origin or not allowed). */
function allowedOrigin(req: Request, anonymous: boolean): string | null {
  const origin = req.headers.get("origin");
  if (!origin || origin === requestOrigin(req)) return null;
  const list = configuredOrigins();
  if (list.includes(origin)) return origin;
  if (list.includes("*") && anonymous) return "*";
  return null;
}

export function preflightResponse(req: Request, allow: string[]): Response {
  const headers = new Headers({ Vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers" });
  const origin = req.headers.get("origin");
  const list = configuredOrigins();
  const value = origin && list.includes(origin) ? origin : list.includes("*") ? "*" : null;
  if (value) {
    headers.set("Access-Control-Allow-Origin", value);
    headers.set("Access-Control-Allow-Methods", allow.join(", "));
    headers.set("Access-Control-Allow-Headers", ALLOW_HEADERS);
    headers.set("Access-Control-Max-Age", "600");
  }
  return new Response(null, { status: 204, headers });
}

export function applyCors(req: Request, headers: Headers, anonymous: boolean): void {
  const value = allowedOrigin(req, anonymous);
  if (!value) return;
  headers.set("Access-Control-Allow-Origin", value);
  headers.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
  headers.append("Vary", "Origin");
}
