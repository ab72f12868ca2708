// An operation of the API, declared once (STYLE.md 8, documenso's procedures with `meta.openapi`,
// drf-spectacular's "the view is the schema"): method, path template, access, input schemas, response
// schemas, summary and tag, and what it does. From the registry of these (lib/routes) come the route
// files' method exports, the wrapper's checks and parsing (lib/api/handler.ts), the OpenAPI document
// (lib/openapi), the browsable API's forms, GraphQL's permission checks and the test harness's routing.
import type { z, ZodType } from "zod";
import type { AccessRule } from "../auth/access.ts";
import type { Permission, Resource } from "../auth/permissions.ts";
import type { Principal } from "../auth/principal.ts";
import type { Page } from "../paging.ts";
import type { ApiResult } from "./respond.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A zod schema and the name it has under the OpenAPI document's `components.schemas`. */
export interface NamedSchema<S extends ZodType = ZodType> {
  name: string;
  schema: S;
  /** For a list envelope: its items, which get a name of their own. */
  item?: NamedSchema;
}

export const named = <S extends ZodType>(name: string, schema: S): NamedSchema<S> => ({ name, schema });

/** A request body schema, named as lib/validation exports it: `body({ ComponentInput })`. */
export function body<S extends ZodType>(schemas: Record<string, S>): NamedSchema<S> {
  const [name, schema] = Object.entries(schemas)[0];
  return named(name, schema);
}

export interface HandlerContext<B = unknown, Q = unknown> {
  req: Request;
  url: URL;
  principal: Principal;
  body: B;
  query: Q;
  params: Record<string, string>;
}

/** What a list operation answers; the wrapper wraps it in the NetBox envelope for the requested page. */
export interface Found<T = unknown> {
  count: number;
  results: T[];
}

type Infer<T> = T extends NamedSchema<infer S> ? z.infer<S> : T extends ZodType ? z.infer<T> : undefined;

interface Declared<B, Q> extends Omit<AccessRule, "permission"> {
  method: Method;
  /** Full path template, parameters in braces: `/api/v1/components/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** The resource whose permission this needs, NetBox's perms_map: `<resource>:read` for GET, `<resource>:write` otherwise. */
  resource?: Resource;
  /** The JSON body (unsafe methods); without one, a non-empty body is refused. */
  body?: B;
  /** The query-string filters (first value of each parameter); every value is a string on the wire. */
  query?: Q;
  /**
   * GET only: anonymous answers are shared through the public cache (lib/public-cache), at most a few seconds
   * old and never across a change of access; `"outage"` also serves the last good copy while the database is down.
   */
  publicCache?: boolean | "outage";
  /** Success responses: the body's schema, or null for no body (204); an error status listed here replaces the shared error response. */
  responses: Record<number, NamedSchema | null>;
}

type Ctx<B, Q> = HandlerContext<Infer<B>, Infer<Q>>;

/** A NetBox-paginated list: `?limit=` and `?offset=` are parsed into `page`, the answer is the envelope. */
interface ListDeclaration<B, Q> extends Declared<B, Q> {
  list: (ctx: Ctx<B, Q> & { page: Page }) => Promise<Found>;
  run?: never;
}

interface RunDeclaration<B, Q> extends Declared<B, Q> {
  run: (ctx: Ctx<B, Q>) => Promise<ApiResult | Response>;
  list?: never;
}

export type Declaration<B extends NamedSchema | undefined = undefined, Q extends ZodType | undefined = undefined> = ListDeclaration<B, Q> | RunDeclaration<B, Q>;

export interface Operation extends Omit<Declared<NamedSchema, ZodType>, "resource">, AccessRule {
  /** Whether it is a paginated list (has `list`). */
  paginated: boolean;
  list?: (ctx: HandlerContext & { page: Page }) => Promise<Found>;
  run?: (ctx: HandlerContext) => Promise<ApiResult | Response>;
}

const isSafe = (method: Method) => method === "GET";

/** The permission an operation on `resource` needs for `method` (NetBox's perms_map). */
export function permissionFor(resource: Resource, method: Method): Permission {
  return `${resource}:${isSafe(method) ? "read" : "write"}`;
}

export function operation<B extends NamedSchema | undefined = undefined, Q extends ZodType | undefined = undefined>(declared: Declaration<B, Q>): Operation {
  const { resource, ...rest } = declared;
  return {
    ...(rest as Omit<Operation, "paginated">),
    ...(resource ? { permission: permissionFor(resource, declared.method) } : {}),
    paginated: "list" in declared && typeof declared.list === "function",
  };
}

const segmentsOf = (path: string) => path.split("/").filter((s) => s !== "");

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The template of `templates` that serves `pathname`, with its parameters (decoded), as Next's App Router
 * matches route folders: trailing and repeated slashes ignored, static segments beat `{params}`.
 */
export function matchTemplate(pathname: string, templates: Iterable<string>): { template: string; params: Record<string, string> } | null {
  const parts = segmentsOf(pathname).map(decoded);
  let best: { template: string; params: Record<string, string>; rank: string } | null = null;
  for (const template of templates) {
    const segments = segmentsOf(template);
    if (segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let rank = "";
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      const param = /^\{(.+)\}$/.exec(segments[i]);
      if (param) {
        params[param[1]] = parts[i];
        rank += "1";
      } else {
        ok = segments[i] === parts[i];
        rank += "0";
      }
    }
    if (ok && (!best || rank < best.rank)) best = { template, params, rank };
  }
  return best && { template: best.template, params: best.params };
}
