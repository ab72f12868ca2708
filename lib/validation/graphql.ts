import { z } from "./common.ts";
import { MAX_JSON_DEPTH, jsonTooDeep } from "./json-depth.ts";

/** Documents above this size are refused before parsing (10 kB). */
export const MAX_GRAPHQL_DOCUMENT_BYTES = 10_240;

const document = z
  .string()
  .min(1, "This field may not be blank.")
  .refine((v) => new TextEncoder().encode(v).length <= MAX_GRAPHQL_DOCUMENT_BYTES, "GraphQL documents are limited to 10 kB.");

/** A GraphQL request over POST (GraphQL over HTTP). */
export const GraphqlRequest = z.strictObject({
  query: document,
  variables: z.record(z.string(), z.unknown()).nullable().optional(),
  operationName: z.string().max(200).nullable().optional(),
  extensions: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type GraphqlRequest = z.infer<typeof GraphqlRequest>;

/** A GraphQL request over GET: the same fields in the query string, `variables` as JSON text. Queries only. */
export const GraphqlQuery = z.object({
  query: document,
  variables: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      if (jsonTooDeep(v)) {
        ctx.addIssue({ code: "custom", message: `Variables may nest at most ${MAX_JSON_DEPTH} levels deep.` });
        return z.NEVER;
      }
      try {
        const parsed: unknown = JSON.parse(v);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: "custom", message: "Enter a JSON object." });
      return z.NEVER;
    }),
  operationName: z.string().max(200).optional(),
});
export type GraphqlQuery = z.infer<typeof GraphqlQuery>;

const GraphqlErrorOut = z.object({
  message: z.string(),
  locations: z.array(z.object({ line: z.number().int(), column: z.number().int() })).optional(),
  path: z.array(z.union([z.string(), z.number().int()])).optional(),
  extensions: z.record(z.string(), z.unknown()).optional(),
});

/** What /api/graphql answers: `data` (null when a non-null field failed or nothing ran), `errors` when any. */
export const GraphqlResponseOut = z.object({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z.array(GraphqlErrorOut).optional(),
});

/** A malformed GraphQL request (syntax, validation, depth, variables): 400 with the errors, nothing ran. */
export const GraphqlRequestErrorOut = z.object({ errors: z.array(GraphqlErrorOut).min(1) });
