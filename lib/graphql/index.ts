// Runs one GraphQL request for the /api/graphql route: parse, limit, validate, execute, and turn errors
// into GraphQL errors. A malformed request (syntax, validation, variables) is a 400; errors of fields
// are answered with 200 beside the data, as GraphQL clients expect, each with an `extensions.code`
// derived from the status the REST API would have answered (lib/api/map-error).
import {
  GraphQLError,
  Kind,
  execute,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { ApiError } from "../errors.ts";
import { mapError } from "../api/map-error.ts";
import type { ApiResult } from "../api/respond.ts";
import type { Principal } from "../auth/principal.ts";
import { camelCase, schema, snakeCaseFieldResolver, type GraphqlContext } from "./schema.ts";

/** The deepest selection a query may ask for (fields nested in fields). */
export const MAX_DEPTH = 8;
/** Introspection (`__schema`, `__type`) nests type references deeper than any data query. */
const MAX_INTROSPECTION_DEPTH = 15;
/** Bounds parsing work of a hostile document, whatever its byte size. */
const MAX_TOKENS = 3000;

export interface GraphqlInput {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

interface ErrorOut {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

const CODES: Record<number, string> = {
  400: "BAD_USER_INPUT",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  503: "SERVICE_UNAVAILABLE",
};

/** A field-error map with GraphQL's camelCase names (`group_id` → `groupId`). */
function camelFieldErrors(errors: unknown): Record<string, string[]> | undefined {
  if (!errors || typeof errors !== "object") return undefined;
  return Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field.split(".").map(camelCase).join("."), messages as string[]]));
}

function formatError(error: GraphQLError, requestCode?: string): ErrorOut {
  const where = {
    ...(error.locations?.length ? { locations: error.locations.map(({ line, column }) => ({ line, column })) } : {}),
    ...(error.path ? { path: [...error.path] } : {}),
  };
  const original = error.originalError;
  if (original && !(original instanceof GraphQLError)) {
    const mapped = mapError(original);
    const code = CODES[mapped.status] ?? "INTERNAL_SERVER_ERROR";
    const fieldErrors = camelFieldErrors(mapped.extra.errors);
    return { message: mapped.detail, ...where, extensions: { code, ...(fieldErrors ? { errors: fieldErrors } : {}) } };
  }
  return { message: error.message, ...where, ...(requestCode ? { extensions: { code: requestCode } } : {}) };
}

function requestError(errors: readonly GraphQLError[], code: string): ApiResult {
  return { status: 400, body: { errors: errors.map((e) => formatError(e, code)) } };
}

/** How deep the selections of each operation go, fragments followed (each measured once, cycles counted as 0). */
function depthOf(document: DocumentNode, set: SelectionSetNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const memo = new Map<string, number>();
  const walk = (selections: SelectionSetNode): number => {
    let max = 0;
    for (const sel of selections.selections) {
      let depth = 0;
      if (sel.kind === Kind.FIELD) depth = 1 + (sel.selectionSet ? walk(sel.selectionSet) : 0);
      else if (sel.kind === Kind.INLINE_FRAGMENT) depth = walk(sel.selectionSet);
      else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (!memo.has(name) && fragment) {
          memo.set(name, 0);
          memo.set(name, walk(fragment.selectionSet));
        }
        depth = memo.get(name) ?? 0;
      }
      max = Math.max(max, depth);
    }
    return max;
  };
  return walk(set);
}

function isIntrospection(set: SelectionSetNode): boolean {
  return set.selections.every((sel) => sel.kind === Kind.FIELD && sel.name.value.startsWith("__"));
}

export async function runGraphql(principal: Principal, input: GraphqlInput, method: "GET" | "POST"): Promise<ApiResult> {
  let document: DocumentNode;
  try {
    document = parse(input.query, { maxTokens: MAX_TOKENS });
  } catch (err) {
    if (err instanceof GraphQLError) return requestError([err], "GRAPHQL_PARSE_FAILED");
    throw err;
  }

  const operation = getOperationAST(document, input.operationName ?? undefined);
  if (operation) {
    const depth = depthOf(document, operation.selectionSet);
    const limit = isIntrospection(operation.selectionSet) ? MAX_INTROSPECTION_DEPTH : MAX_DEPTH;
    if (depth > limit) {
      return requestError([new GraphQLError(`The query is nested ${depth} levels deep; at most ${limit} are allowed.`, { nodes: operation })], "GRAPHQL_VALIDATION_FAILED");
    }
  }

  const invalid = validate(schema, document);
  if (invalid.length) return requestError(invalid, "GRAPHQL_VALIDATION_FAILED");
  if (!operation) {
    const message = input.operationName ? `Unknown operation named "${input.operationName}".` : "Must provide operation name if query contains multiple operations.";
    return requestError([new GraphQLError(message)], "BAD_REQUEST");
  }
  // GET is safe: a link or an <img> must never change anything (GraphQL over HTTP).
  if (method === "GET" && operation.operation !== "query") {
    throw new ApiError(405, "Mutations are only accepted over POST.", {}, { Allow: "GET, HEAD, POST, OPTIONS" });
  }

  const context: GraphqlContext = { principal };
  const result = (await execute({
    schema,
    document,
    operationName: input.operationName ?? undefined,
    variableValues: input.variables ?? undefined,
    contextValue: context,
    fieldResolver: snakeCaseFieldResolver,
  })) as ExecutionResult;
  // No `data` at all: the request itself was wrong (variables of the wrong type, …), nothing ran.
  if (!("data" in result) || result.data === undefined) return requestError(result.errors ?? [], "BAD_USER_INPUT");
  return { status: 200, body: { data: result.data, ...(result.errors?.length ? { errors: result.errors.map((e) => formatError(e)) } : {}) } };
}
