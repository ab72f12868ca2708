// The one wrapper every API route goes through (STYLE.md): authentication, CSRF, permission, input
// parsing, error mapping and rendering (JSON, or the browsable HTML page of lib/api/browsable.ts for a
// browser). A route file only says what each method needs and does:
//
//   export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
//     GET: api({ permission: "components:read" }, async ({ req, url, principal }) => ok(...)),
//   });
import { randomBytes } from "node:crypto";
import type { z, ZodType } from "zod";
import { authenticate } from "../auth/authenticate.ts";
import { assertSameOrigin } from "../auth/csrf.ts";
import { isSafeMethod, type Permission } from "../auth/permissions.ts";
import type { Principal } from "../auth/principal.ts";
import { readJsonBody } from "./body.ts";
import { browsableCsp, renderBrowsablePage, type FormMethod, type FormOffer } from "./browsable.ts";
import { applyCors, isPreflight, preflightResponse } from "./cors.ts";
import { ApiError, DETAIL } from "../errors.ts";
import { methodNotAllowed } from "./errors.ts";
import { mapError } from "./map-error.ts";
import { negotiateFormat } from "./negotiate.ts";
import { VARY, jsonText, requestedIndent, type ApiResult } from "./respond.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type RouteParams = Record<string, string | string[] | undefined>;

export interface HandlerContext<B, Q> {
  req: Request;
  url: URL;
  principal: Principal;
  body: B;
  query: Q;
  params: Record<string, string>;
}

export interface OperationOptions<B extends ZodType | undefined, Q extends ZodType | undefined> {
  /** The permission the principal needs; none means any principal, anonymous included. */
  permission?: Permission;
  /** Refuse anonymous requests with a 401 even when no permission is named. */
  requireUser?: boolean;
  /** Open to anonymous requests even when no public API role is set (getting or revoking a key). */
  open?: boolean;
  /** Let a read-only token use this unsafe method (revoking itself, revoking by key). */
  allowReadOnlyToken?: boolean;
  /** Zod schema of the JSON body (unsafe methods). Without one, a non-empty body is refused. */
  body?: B;
  /** Zod schema of the query string (first value of each parameter). */
  query?: Q;
}

type Infer<T> = T extends ZodType ? z.infer<T> : undefined;

export interface Operation {
  options: OperationOptions<ZodType | undefined, ZodType | undefined>;
  run(ctx: HandlerContext<unknown, unknown>): Promise<ApiResult | Response>;
}

export function api<B extends ZodType | undefined = undefined, Q extends ZodType | undefined = undefined>(
  options: OperationOptions<B, Q>,
  handler: (ctx: HandlerContext<Infer<B>, Infer<Q>>) => Promise<ApiResult | Response>,
): Operation {
  return { options, run: handler as Operation["run"] };
}

const TOKEN_EXPIRY_WARNING_MS = 7 * 24 * 60 * 60 * 1000;

type AccessOptions = Pick<OperationOptions<undefined, undefined>, "permission" | "requireUser" | "open" | "allowReadOnlyToken">;

/** Why the principal may not use an operation with these options (the error to answer), or null when it may. */
function refusal(options: AccessOptions, principal: Principal, method: string): ApiError | null {
  const unsafe = !isSafeMethod(method);
  if (principal.token && !principal.token.writeEnabled && unsafe && !options.allowReadOnlyToken) {
    return new ApiError(403, DETAIL.readOnlyToken);
  }
  const needed = options.permission;
  const loginRequired = principal.loginRequired && !options.open;
  if ((options.requireUser || loginRequired || (needed && !principal.permissions.has(needed))) && !principal.user) {
    return new ApiError(401, DETAIL.notProvided);
  }
  if (needed && !principal.permissions.has(needed)) return new ApiError(403, DETAIL.forbidden);
  return null;
}

/**
 * The wrapper's permission check for work done inside one request on behalf of another operation
 * (a GraphQL field): `method` is the REST method the work corresponds to, so a write on a read-only
 * token is refused exactly as the REST route would refuse it.
 */
export function assertPermitted(principal: Principal, permission: Permission | undefined, method: Method): void {
  const error = refusal({ permission }, principal, method);
  if (error) throw error;
}

function checkPermission(op: Operation, principal: Principal, method: string): void {
  const error = refusal(op.options, principal, method);
  if (error) throw error;
}

const FORM_METHODS: FormMethod[] = ["POST", "PUT", "PATCH", "DELETE"];

/** The unsafe methods of an endpoint the principal may use, with the fields of each body: the browsable API's forms. */
function formOffers(ops: Partial<Record<Method, Operation>>, principal: Principal | null): FormOffer[] {
  if (!principal) return [];
  return FORM_METHODS.flatMap((method) => {
    const op = ops[method];
    if (!op || refusal(op.options, principal, method)) return [];
    const body = op.options.body;
    const fields = body && "shape" in body ? Object.keys(body.shape as object) : [];
    return [{ method, fields }];
  });
}

/** Where a NUL character hides in a value (PostgreSQL refuses it in text), as a field path; or null. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path || "non_field_errors" : null;
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = nulPath(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return null;
}

function refuseNul(value: unknown): void {
  const path = nulPath(value, "");
  if (path) throw new ApiError(400, DETAIL.validation, { errors: { [path]: ["Null characters are not allowed."] } });
}

async function parseInput(op: Operation, req: Request, url: URL, method: string) {
  const rawQuery = Object.fromEntries(url.searchParams);
  refuseNul(rawQuery);
  const query = op.options.query ? op.options.query.parse(rawQuery) : undefined;
  let body: unknown;
  if (method === "POST" || method === "PUT" || method === "PATCH") {
    const raw = await readJsonBody(req);
    refuseNul(raw);
    if (op.options.body) body = op.options.body.parse(raw);
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
  ops?: Partial<Record<Method, Operation>>;
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
      page = renderBrowsablePage({ req, status: result.status, body, headers, principal: ctx.principal, forms: formOffers(ctx.ops ?? {}, ctx.principal), intro: result.intro, nonce });
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

async function dispatch(req: Request, routeParams: Promise<RouteParams> | undefined, ops: Partial<Record<Method, Operation>>): Promise<Response> {
  const url = new URL(req.url);
  const defined = (Object.keys(ops) as Method[]).filter((m) => ops[m]);
  const allow = [...defined, ...(ops.GET ? ["HEAD"] : []), "OPTIONS"];
  if (isPreflight(req)) return preflightResponse(req, allow);

  let principal: Principal | null = null;
  const presentedToken =
    ["x-api-key", "x-cachet-token", "api-key"].some((h) => req.headers.has(h)) ||
    /^\s*(token|bearer)\b/i.test(req.headers.get("authorization") ?? "");
  let result: ApiResult | Response;
  try {
    principal = await authenticate(req, url);
    const method = req.method === "HEAD" ? "GET" : req.method;
    if (method === "OPTIONS") {
      result = { status: 200, body: { methods: allow }, headers: { Allow: allow.join(", ") } };
    } else {
      const op = ops[method as Method];
      if (!op) throw methodNotAllowed(req.method, allow);
      if (!isSafeMethod(method) && principal.method === "session") assertSameOrigin(req);
      checkPermission(op, principal, method);
      const { query, body } = await parseInput(op, req, url, method);
      const params = flatParams((await routeParams) ?? {});
      result = await op.run({ req, url, principal, body, query, params });
    }
  } catch (err) {
    result = errorResult(mapError(err));
  }
  return render(req, result, { principal, presentedToken, ops });
}

type NextHandler = (req: Request, ctx: { params: Promise<RouteParams> }) => Promise<Response>;

/** All seven method exports of a route file; methods without an operation answer 405 with `Allow`. */
export function endpoint(ops: Partial<Record<Method, Operation>>): Record<Method | "HEAD" | "OPTIONS", NextHandler> {
  const handler: NextHandler = (req, ctx) => dispatch(req, ctx?.params, ops);
  return { GET: handler, HEAD: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler };
}
