// Security headers of Beacon's pages (the browsable API under /api sets its own): a Content-Security-Policy
// whose scripts run only with a fresh per-request nonce (Next reads it from the request's CSP header and
// puts it on its own scripts), and no framing anywhere (clickjacking on signed-in pages).
import { NextResponse, type NextRequest } from "next/server";

export function pageCsp(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over HTTPS: on http://localhost it would send the browser to an https:// that is not there.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function proxy(request: NextRequest) {
  // Beacon's server renders cached status pages with a placeholder nonce it replaces per response
  // (lib/public-cache/pages.ts); it alone sets this header (it strips any copy a client sends).
  const nonce = request.headers.get("x-beacon-fixed-nonce") ?? Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = pageCsp(nonce, request.headers.get("x-beacon-proto") === "https");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("X-Content-Type-Options", "nosniff");
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API (its browsable pages have their own CSP), not static files.
      source: "/((?!api(?:/|$)|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
