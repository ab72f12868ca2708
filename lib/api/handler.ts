// The one wrapper every API route goes through (STYLE.md): authentication, CSRF, permission, input
// parsing, error mapping and rendering (JSON, or the browsable HTML page of lib/api/browsable.ts for a
// browser). It serves the operations declared for one path (lib/api/operation.ts); a route file only
// names its path:
//
//   export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = route("/api/v1/components");
import { randomBytes } from "node:crypto";
import { refusal } from "../auth/access.ts";
import { authenticate } from "../auth/authenticate.ts";
import { presentsToken } from "../auth/credentials.ts";
import { assertSameOrigin } from "../auth/csrf.ts";
import { isSafeMethod } from "../auth/permissions.ts";
import type { Principal } from "../auth/principal.ts";
import { ApiError, DETAIL } from "../errors.ts";
import { parsePage } from "../paging.ts";
import { readJsonBody } from "./body.ts";
import { browsableCsp, renderBrowsablePage, type FormMethod, type FormOffer } from "./browsable.ts";
import { applyCors, isPreflight, preflightResponse } from "./cors.ts";
import { methodNotAllowed } from "./errors.ts";
import { mapError } from "./map-error.ts";
import { negotiateFormat } from "./negotiate.ts";
import type { HandlerContext, Method, Operation } from "./operation.ts";
import { paginated } from "./pagination.ts";
import { isAnonymousRead, isSharedRead, sharedRead } from "./shared-response.ts";
import { PUBLIC_CACHE_CONTROL, noteContentChange } from "../public-cache/index.ts";
import { VARY, jsonText, requestedIndent, ok, type ApiResult } from "./respond.ts";

type RouteParams = Record<string, string | string[] | undefined>;

const TOKEN_EXPIRY_WARNING_MS = 7 * 24 * 60 * 60 * 1000;

const FORM_METHODS: FormMethod[] = ["POST", "PUT", "PATCH", "DELETE"];

/** The unsafe methods of an endpoint the principal may use, with the fields of each body: the browsable API's forms. */
function formOffers(ops: readonly Operation[], principal: Principal | null): FormOffer[] {
  if (!principal) return [];
  return FORM_METHODS.flatMap((method) => {
    const op = ops.find((o) => o.method === method);
    if (!op || refusal(op, principal, method)) return [];
    const body = op.body?.schema;
    const fields = body && "shape" in body ? Object.keys(body.shape as object) : [];
    return [{ method, fields, summary: op.summary, description: op.description }];
  });
}

/** Where a NUL character hides in a value (PostgreSQL refuses it in text), as a field path; or null. Iterative: no depth can overflow the stack. */
function nulPath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) return path || "non_field_errors";
    } else if (v && typeof v === "object") {
      const entries = Object.entries(v);
      // Pushed in reverse so the first field is searched first, as before.
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], path ? `${path}.${entries[i][0]}` : entries[i][0]]);
    }
  }
  return null;
}

function refuseNul(value: unknown): void {
  const path = nulPath(value);
  if (path) throw new ApiError(400, DETAIL.validation, { errors: { [path]: ["Null characters are not allowed."] } });
}

async function parseInput(op: Operation, req: Request, url: URL, method: string) {
  const rawQuery = Object.fromEntries(url.searchParams);
  refuseNul(rawQuery);
  const query = op.query ? op.query.parse(rawQuery) : undefined;
  let body: unknown;
  if (method === "POST" || method === "PUT" || method === "PATCH") {
    const raw = await readJsonBody(req);
    refuseNul(raw);
    if (op.body) body = op.body.schema.parse(raw);
    else if (raw && typeof raw === "object" && !Array.isArray(raw) && Object.keys(raw).length > 0) {
      throw new ApiError(400, DETAIL.validation, { errors: Object.fromEntries(Object.keys(raw).map((k) => [k, ["Unknown field."]])) });
    }
  }
  return { query, body };
}

function flatParams(params: RouteParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join("/") : v;
  return out;
}

export interface RenderContext {
  /** Who the request acts as; null when authentication itself failed (or was not attempted). */
  principal: Principal | null;
  /** A token header was sent: a 401 then says `error="invalid_token"`. */
  presentedToken: boolean;
  /** The endpoint's operations: the browsable API offers forms for those the principal may use. */
  ops?: readonly Operation[];
  /** A list endpoint whose objects have a detail URL (`<path>/{id}`): the browsable API links their ids. */
  linksDetails?: boolean;
}

function finishHeaders(req: Request, status: number, headers: Headers, { principal, presentedToken }: RenderContext): void {
  headers.set("Vary", VARY);
  if (status === 401 && !headers.has("WWW-Authenticate")) {
    headers.set("WWW-Authenticate", presentedToken ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"');
  }
  if (principal?.user) headers.set("Cache-Control", "private, no-store");
  const expires = principal?.token?.expiresAt;
  if (expires && expires.getTime() - Date.now() < TOKEN_EXPIRY_WARNING_MS) headers.set("Token-Expires", expires.toISOString());
  applyCors(req, headers, !principal?.user);
}

/** The browsable HTML page of a result (API.md §5), or null when rendering it failed (the JSON is sent instead). */
function browsableResponse(req: Request, result: ApiResult, headers: Headers, ctx: RenderContext): Response | null {
  const nonce = randomBytes(16).toString("base64");
  let page: string | null = null;
  if (result.status !== 204 && req.method !== "HEAD") {
    try {
      const body = result.body === undefined ? null : result.body;
      page = renderBrowsablePage({ req, status: result.status, body, headers, principal: ctx.principal, forms: formOffers(ctx.ops ?? [], ctx.principal), linksDetails: !!ctx.linksDetails, intro: result.intro, nonce });
    } catch (err) {
      console.error("browsable API: rendering failed, answering JSON:", err);
      return null;
    }
  }
  if (result.status !== 204) headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Content-Security-Policy", browsableCsp(nonce));
  headers.set("X-Content-Type-Options", "nosniff");
  return new Response(page, { status: result.status, headers });
}

/** The response for a result: JSON, or the browsable HTML page when the request prefers it, with the same status and headers. */
export function render(req: Request, result: ApiResult | Response, ctx: RenderContext): Response {
  if (result instanceof Response) {
    finishHeaders(req, result.status, result.headers, ctx);
    return result;
  }
  const headers = new Headers(result.headers);
  finishHeaders(req, result.status, headers, ctx);
  if (negotiateFormat(req) === "html") {
    const html = browsableResponse(req, result, headers, ctx);
    if (html) return html;
  }
  if (result.status !== 204 && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  const body = result.status === 204 || result.body === null || req.method === "HEAD" ? null : jsonText(result.body, requestedIndent(req.headers.get("accept")));
  return new Response(body, { status: result.status, headers });
}

export function errorResult(error: ApiError): ApiResult {
  return { status: error.status, body: { detail: error.detail, ...error.extra }, headers: error.headers };
}

async function run(op: Operation, ctx: HandlerContext): Promise<ApiResult | Response> {
  if (op.list) {
    const page = parsePage(ctx.url);
    const { count, results } = await op.list({ ...ctx, page });
    return ok(paginated(ctx.req, ctx.url, page, count, results));
  }
  return op.run!(ctx);
}

export interface EndpointOptions {
  /** The browsable API links the ids of a list's objects to their detail URL. */
  linksDetails?: boolean;
}

async function dispatch(req: Request, routeParams: Promise<RouteParams> | undefined, ops: readonly Operation[], options: EndpointOptions): Promise<Response> {
  const url = new URL(req.url);
  const get = ops.find((o) => o.method === "GET");
  if (get?.publicCache && isSharedRead(req, url)) {
    // Anonymous: every such caller gets the same answer, built at most every few seconds (lib/public-cache).
    try {
      return await sharedRead(req, url, (build) => answer(build, url, routeParams, ops, options), { serveStaleOnOutage: get.publicCache === "outage" });
    } catch (err) {
      return render(req, errorResult(mapError(err)), { principal: null, presentedToken: false, ops });
    }
  }
  const res = await answer(req, url, routeParams, ops, options);
  // The browsable page of the same anonymous read: rendered per request (its nonce), cacheable like the JSON.
  if (get?.publicCache && isAnonymousRead(req, url) && (res.status === 200 || res.status === 404)) res.headers.set("Cache-Control", PUBLIC_CACHE_CONTROL);
  return res;
}

/** The wrapper's answer to one request, computed for it alone. */
async function answer(req: Request, url: URL, routeParams: Promise<RouteParams> | undefined, ops: readonly Operation[], options: EndpointOptions): Promise<Response> {
  const defined = ops.map((op) => op.method);
  const allow = [...defined, ...(defined.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
  if (isPreflight(req)) return preflightResponse(req, allow);

  let principal: Principal | null = null;
  const presentedToken = presentsToken(req);
  let result: ApiResult | Response;
  try {
    principal = await authenticate(req, url);
    const method = req.method === "HEAD" ? "GET" : req.method;
    if (method === "OPTIONS") {
      result = { status: 200, body: { methods: allow }, headers: { Allow: allow.join(", ") } };
    } else {
      const op = ops.find((o) => o.method === method);
      if (!op) throw methodNotAllowed(req.method, allow);
      if (!isSafeMethod(method) && principal.method === "session") assertSameOrigin(req);
      const refused = refusal(op, principal, method);
      if (refused) throw refused;
      const { query, body } = await parseInput(op, req, url, method);
      const params = flatParams((await routeParams) ?? {});
      result = await run(op, { req, url, principal, body, query, params });
    }
  } catch (err) {
    result = errorResult(mapError(err));
  }
  if (!isSafeMethod(req.method) && result.status < 400) noteContentChange();
  return render(req, result, { principal, presentedToken, ops, linksDetails: options.linksDetails });
}

type NextHandler = (req: Request, ctx: { params: Promise<RouteParams> }) => Promise<Response>;

/** All seven method exports of a route file serving these operations (of one path); other methods answer 405 with `Allow`. */
export function endpoint(ops: readonly Operation[], options: EndpointOptions = {}): Record<Method | "HEAD" | "OPTIONS", NextHandler> {
  const handler: NextHandler = (req, ctx) => dispatch(req, ctx?.params, ops, options);
  return { GET: handler, HEAD: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler };
}
