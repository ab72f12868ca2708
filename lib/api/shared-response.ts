// Anonymous API reads through the public cache (lib/public-cache): the wrapper's own answer is built once
// per key and access-state version, then sent to every anonymous caller with a strong ETag (304 on
// If-None-Match) and shared Cache-Control; the per-caller parts (CORS) are added per request.
import { cachedAnswer, matchesEtag, servedHeaders, type Built, type CacheOptions, type Served } from "../public-cache/index.ts";
import { hasTokenInUrl } from "../auth/credentials.ts";
import { hasSessionCookie } from "../auth/session.ts";
import { CREDENTIAL_HEADERS } from "../credential-headers.ts";
import { requestOrigin } from "../net.ts";
import { applyCors } from "./cors.ts";
import { negotiateFormat } from "./negotiate.ts";
import { VARY, requestedIndent } from "./respond.ts";

/** Headers of a built answer that are per request, not part of the shared copy. */
const PER_REQUEST = /^(vary|cache-control|access-control-.*|age|etag)$/i;

/** Whether the request is a read carrying no credential at all (no header, no session cookie, no key in the URL): its answer is everyone's. */
export function isAnonymousRead(req: Request, url: URL): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (CREDENTIAL_HEADERS.some((h) => req.headers.has(h))) return false;
  return !hasSessionCookie(req) && !hasTokenInUrl(url);
}

/** An anonymous read of JSON: its answer is shared through the cache (the browsable HTML carries a per-response nonce). */
export function isSharedRead(req: Request, url: URL): boolean {
  return isAnonymousRead(req, url) && negotiateFormat(req, url) === "json";
}

/** The cache key of a shared API read: the origin (absolute links), path and query, and the JSON indent. */
export function sharedKey(req: Request, url: URL): string {
  return `api ${requestOrigin(req)} ${url.pathname}${url.search} ${requestedIndent(req.headers.get("accept")) ?? ""}`;
}

export async function builtFrom(res: Response): Promise<Built> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!PER_REQUEST.test(name)) headers[name] = value;
  });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers };
}

/** The response of a served copy (or of an unshared answer) for this request: 304 when its ETag matches, no body on HEAD. */
export function sharedResponse(req: Request, answer: Served | Built, vary = VARY): Response {
  const headers = new Headers();
  if ("snapshot" in answer) {
    for (const [name, value] of Object.entries(servedHeaders(answer))) headers.set(name, value);
    headers.set("Vary", vary);
    applyCors(req, headers, true);
    if (matchesEtag(req.headers.get("if-none-match"), answer.snapshot.etag)) return new Response(null, { status: 304, headers });
    for (const [name, value] of Object.entries(answer.snapshot.headers)) headers.set(name, value);
    return new Response(req.method === "HEAD" ? null : new Uint8Array(answer.snapshot.body), { status: answer.snapshot.status, headers });
  }
  for (const [name, value] of Object.entries(answer.headers)) headers.set(name, value);
  headers.set("Vary", vary);
  applyCors(req, headers, true);
  return new Response(req.method === "HEAD" || answer.status === 204 ? null : new Uint8Array(answer.body), { status: answer.status, headers });
}

/** The shared answer to an anonymous read: `render` builds it (as a GET) when no usable copy is cached. */
export async function sharedRead(req: Request, url: URL, render: (get: Request) => Promise<Response>, options: CacheOptions = {}): Promise<Response> {
  const get = new Request(req.url, { method: "GET", headers: req.headers });
  const answer = await cachedAnswer(sharedKey(req, url), async () => builtFrom(await render(get)), options);
  return sharedResponse(req, answer);
}
