// A resource's standard operations from one call (NetBox's ModelViewSet behind DRF's router): list, create,
// read, replace (PUT), change some fields (PATCH) and delete, named, summarised, permissioned and wired to the
// domain the same way for every resource; per operation, an override for what differs, or `false` to leave it out.
import type { z, ZodType } from "zod";
import { named, operation, type Declaration, type Found, type NamedSchema, type Operation } from "../api/operation.ts";
import { created, noContent, ok } from "../api/respond.ts";
import type { Resource } from "../auth/permissions.ts";
import type { Principal } from "../auth/principal.ts";
import { parseId } from "../ids.ts";
import type { Page } from "../paging.ts";
import { NO_CONTENT, list } from "./shared.ts";

export interface ResourceMeta {
  tag: string;
  /** Whose permission the operations need: `<resource>:read` to read, `<resource>:write` to write. */
  resource: Resource;
  /** The collection's path template; any `{param}` in it is a parent's id (an incident's updates). */
  path: string;
  /** The detail's own path parameter: `<path>/{id}` unless named otherwise. */
  idParam?: string;
  /** The schema's name, and the stem of the operationIds (`listComponentGroups`, `getComponentGroup`). */
  name: string;
  /** How the summaries name one object: "a component group" (and many: "component groups"). */
  noun: string;
  /** Anonymous lists and details are shared through the public cache (public content: API.md §4 allows 5 s of staleness). */
  publicCache?: boolean;
}

export interface ResourceSchemas<F extends ZodType, C extends ZodType, R extends ZodType, P extends ZodType> {
  out: ZodType;
  filters: F;
  /** The body of POST, and of PUT unless `replace` names another. */
  input: NamedSchema<C>;
  replace?: NamedSchema<R>;
  patch: NamedSchema<P>;
  /** What PUT gives the fields it leaves out; without defaults, PUT passes its body on as it is. */
  defaults?: Partial<z.infer<P>>;
}

/** The domain functions, each taking the principal, the parents' ids (none for a top-level resource), then its own. */
export interface ResourceDomain<Ids extends number[], F extends ZodType, C extends ZodType, P extends ZodType> {
  list: (principal: Principal, ...args: [...Ids, z.infer<F>, Page]) => Promise<Found>;
  create: (principal: Principal, ...args: [...Ids, z.infer<C>]) => Promise<unknown>;
  get: (principal: Principal, ...ids: [...Ids, number]) => Promise<unknown>;
  update: (principal: Principal, ...args: [...Ids, number, z.infer<P>]) => Promise<unknown>;
  remove: (principal: Principal, ...ids: [...Ids, number]) => Promise<unknown>;
}

export type Action = "list" | "create" | "get" | "replace" | "update" | "delete";

/** What an operation may change from the standard: its words, its schemas, its access flags. */
export type Override = Partial<Pick<Operation, "summary" | "description" | "responses" | "body" | "requireUser" | "open" | "allowReadOnlyToken">>;

const paramsOf = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);

type Overrides = Partial<Record<Action, Override | false>>;

/** The operations declared: every action but those overridden with `false`. */
export type ResourceOperations<O extends Overrides> = { [A in Action as O[A] extends false ? never : A]: Operation };

export function resource<F extends ZodType, C extends ZodType, R extends ZodType, P extends ZodType, Ids extends number[] = [], O extends Overrides = Overrides>(
  meta: ResourceMeta,
  schemas: ResourceSchemas<F, C, R, P>,
  domain: ResourceDomain<Ids, F, C, P>,
  overrides: O = {} as O,
): ResourceOperations<O> {
  const { tag, resource, path, idParam = "id", name, noun, publicCache } = meta;
  const detail = `${path}/{${idParam}}`;
  const nouns = `${noun.replace(/^an? /, "")}s`;
  const item = named(name, schemas.out);
  const parents = paramsOf(path);
  // The domain's own types are checked at the call; here every argument list is the principal's and the ids.
  const call = domain as unknown as Record<keyof ResourceDomain<Ids, F, C, P>, (principal: Principal, ...args: unknown[]) => Promise<unknown>>;
  const ids = (params: Record<string, string>, names: string[]) => names.map((param) => parseId(params[param]));
  const own = [...parents, idParam];
  const common = { tag, resource };

  const standard: Record<Action, Declaration<NamedSchema | undefined, ZodType | undefined>> = {
    list: {
      ...common, publicCache, method: "GET", path, operationId: `list${name}s`, summary: `List ${nouns}`, query: schemas.filters, responses: { 200: list(item) },
      list: ({ principal, params, query, page }) => call.list(principal, ...ids(params, parents), query, page) as Promise<Found>,
    },
    create: {
      ...common, method: "POST", path, operationId: `create${name}`, summary: `Create ${noun}`, body: schemas.input, responses: { 201: item },
      run: async ({ principal, params, body }) => created(await call.create(principal, ...ids(params, parents), body)),
    },
    get: {
      ...common, publicCache, method: "GET", path: detail, operationId: `get${name}`, summary: `Read ${noun}`, responses: { 200: item },
      run: async ({ principal, params }) => ok(await call.get(principal, ...ids(params, own))),
    },
    replace: {
      ...common, method: "PUT", path: detail, operationId: `replace${name}`, summary: `Replace ${noun}`, body: schemas.replace ?? schemas.input, responses: { 200: item },
      run: async ({ principal, params, body }) => ok(await call.update(principal, ...ids(params, own), schemas.defaults ? { ...schemas.defaults, ...(body as object) } : body)),
    },
    update: {
      ...common, method: "PATCH", path: detail, operationId: `update${name}`, summary: `Change some fields of ${noun}`, body: schemas.patch, responses: { 200: item },
      run: async ({ principal, params, body }) => ok(await call.update(principal, ...ids(params, own), body)),
    },
    delete: {
      ...common, method: "DELETE", path: detail, operationId: `delete${name}`, summary: `Delete ${noun}`, responses: NO_CONTENT,
      run: async ({ principal, params }) => {
        await call.remove(principal, ...ids(params, own));
        return noContent();
      },
    },
  };

  const operations: Partial<Record<Action, Operation>> = {};
  for (const action of Object.keys(standard) as Action[]) {
    const override = overrides[action];
    if (override === false) continue;
    operations[action] = operation({ ...standard[action], ...override } as Declaration<NamedSchema | undefined, ZodType | undefined>);
  }
  return operations as ResourceOperations<O>;
}
