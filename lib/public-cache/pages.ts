// The status pages (`/`, `/history`, `/incidents/{id}`, `/p/{slug}`) served from the public cache by
// Beacon's server, before Next: a crowd costs one render every few seconds, not one per visitor.
//
// The CSP nonce, and why the cache does not weaken it: every page carries a nonce-based CSP (proxy.ts),
// and Next writes that nonce into the HTML's script tags. A copy is therefore rendered once, through a
// loopback request that only this server can make (a per-process secret), with a placeholder nonce (128
// random bits, never sent to anyone); each response then gets a fresh random nonce, put in place of the
// placeholder in both the CSP header and the document. No 'unsafe-inline', no hashes to keep in step
// with Next's inline scripts; a visitor learns only the nonce of their own response. The ETag is weak:
// the bytes differ per response by the nonce. A 304 carries no CSP, so the browser keeps the header
// that matches the copy it holds.
//
// The pages are the same for every visitor (their signed-in header part is rendered in the browser), so
// requests with cookies are served from the cache too. While the database is down the last good copy
// is served with a visible note of its age and an `Age` header; with no copy, the page's own 503.
import http from "node:http";
import { randomBytes } from "node:crypto";
import { cachedAnswer, matchesEtag, servedHeaders, type Built, type Served } from "./index.ts";

/** The header that marks the server's own render request; its value is the per-process secret. */
export const RENDER_HEADER = "x-beacon-render";
/** The nonce proxy.ts must use for a render request (set only by the server, for its own requests). */
export const FIXED_NONCE_HEADER = "x-beacon-fixed-nonce";

const SECRET = randomBytes(24).toString("base64url");
const PLACEHOLDER = randomBytes(16).toString("base64");
const CACHED_PATHS = /^\/(history|incidents\/\d{1,10}|p\/[^/]{1,255})?$/;
/** Next's own navigations (RSC payloads, prefetches) are not documents: they go to Next as they are. */
const NEXT_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-action", "purpose"];
/** Headers of a render that belong to that response alone. */
const PER_RESPONSE = /^(connection|keep-alive|transfer-encoding|date|set-cookie|content-length|vary|cache-control|etag|age)$/i;

/** Whether this request is the server's own render request (then: `FIXED_NONCE_HEADER` is set for proxy.ts). */
export function markRenderRequest(req: http.IncomingMessage): boolean {
  const isRender = req.headers[RENDER_HEADER] === SECRET;
  delete req.headers[RENDER_HEADER];
  delete req.headers[FIXED_NONCE_HEADER];
  if (isRender) req.headers[FIXED_NONCE_HEADER] = PLACEHOLDER;
  return isRender;
}

function cacheablePage(req: http.IncomingMessage): string | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = new URL(req.url ?? "/", "http://x");
  if (!CACHED_PATHS.test(url.pathname)) return null;
  if (NEXT_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
  // `?page=` of /history is part of the page; other query strings are not cached (and cannot flood the cache).
  const search = [...url.searchParams.keys()].every((k) => k === "page" && url.pathname === "/history") ? url.search : null;
  return search === null ? null : `${url.pathname}${search}`;
}

/** Renders `path` through the server itself, as an anonymous visitor, with the placeholder nonce. */
function render(origin: { host: string; port: number }, agent: http.Agent, path: string, host: string | undefined, proto: string | undefined): Promise<Built> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: "text/html", [RENDER_HEADER]: SECRET, ...(host ? { Host: host } : {}), ...(proto === "https" ? { "X-Forwarded-Proto": "https" } : {}) };
    const req = http.request({ ...origin, agent, method: "GET", path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined && !PER_RESPONSE.test(name)) kept[name] = Array.isArray(value) ? value.join(", ") : value;
        resolve({ status: res.statusCode ?? 500, body: Buffer.concat(chunks), headers: kept });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(15_000, () => req.destroy(new Error("render timed out")));
    req.end();
  });
}

function ageText(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} minutes`;
  return `${Math.round(seconds / 3600)} hours`;
}

/** The note on a copy served during an outage, placed first in <body> (React leaves unknown nodes there alone). */
function staleNote(served: Served): string {
  const when = new Date(served.snapshot.builtAt).toISOString().slice(0, 16).replace("T", " ");
  return `<div role="status" data-testid="stale-note" class="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950">We cannot reach our database right now: this is the page as of ${when} UTC (${ageText(served.age)} ago). It will update by itself once we are back.</div>`;
}

function send(req: http.IncomingMessage, res: http.ServerResponse, served: Served): void {
  const nonce = randomBytes(16).toString("base64");
  const headers: Record<string, string> = { ...servedHeaders(served), Vary: "Accept-Encoding" };
  // A copy served during an outage carries the note of its age: never a 304 (the browser would show the copy
  // it holds, without the note), and no ETag (a later 304 against it would keep the note after recovery).
  if (served.outage) for (const name of Object.keys(headers)) if (name.toLowerCase() === "etag") delete headers[name];
  if (!served.outage && matchesEtag(req.headers["if-none-match"], served.snapshot.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(served.snapshot.headers)) headers[name] = value.split(PLACEHOLDER).join(nonce);
  let html = served.snapshot.body.toString("utf8").split(PLACEHOLDER).join(nonce);
  if (served.outage) html = html.replace(/<body[^>]*>/, (tag) => tag + staleNote(served));
  const body = Buffer.from(html);
  headers["Content-Length"] = String(body.length);
  res.writeHead(served.snapshot.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Serves a status page from the cache when the request is for one; returns false (and touches nothing)
 * when it is not, or when there is neither a page nor a copy to answer with (Next then answers itself).
 */
export async function servePage(req: http.IncomingMessage, res: http.ServerResponse, origin: { host: string; port: number }, agent: http.Agent, proto: string): Promise<boolean> {
  const path = cacheablePage(req);
  if (!path) return false;
  const host = req.headers.host;
  let answer: Served | Built;
  try {
    answer = await cachedAnswer(`page ${proto}://${host} ${path}`, () => render(origin, agent, path, host, proto), { serveStaleOnOutage: true, weakEtag: true });
  } catch (err) {
    console.error(`page cache: ${path}:`, (err as Error)?.message);
    return false;
  }
  if (!("snapshot" in answer)) {
    // Not shareable (the page's 503 with no copy to fall back on, an error): send what the render said.
    const nonce = randomBytes(16).toString("base64");
    const body = answer.body.toString("utf8").split(PLACEHOLDER).join(nonce);
    const headers = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k, v.split(PLACEHOLDER).join(nonce)]));
    res.writeHead(answer.status, { ...headers, "Cache-Control": "no-store", "Content-Length": String(Buffer.byteLength(body)) });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }
  send(req, res, answer);
  return true;
}
