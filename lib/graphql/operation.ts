// /api/graphql: credentials, throttling, CSRF and CORS as for REST; each field then checks the REST
// operation it stands for (lib/graphql/schema.ts). A read-only token may POST (queries); its mutations are
// refused field by field.
import { z } from "zod";
import { body, named, operation } from "../api/operation.ts";
import { ErrorOut } from "../openapi/schemas.ts";
import { GraphqlQuery, GraphqlRequest, GraphqlRequestErrorOut, GraphqlResponseOut } from "../validation/graphql.ts";
import { runGraphql } from "./index.ts";

const GraphqlResponse = named("GraphqlResponse", GraphqlResponseOut);
// The wrapper's own 400s (JSON, validation of the request) keep the REST error body.
const GraphqlBadRequest = named("GraphqlBadRequest", z.union([ErrorOut, GraphqlRequestErrorOut]));
const GRAPHQL_DESCRIPTION =
  "Queries `me`, `components`, `component`, `componentGroups`, `incidents` (with `updates`), `incident`, `pages`, `page`, `menus`; mutations `createComponent`, `updateComponent`, `deleteComponent`, `createIncident`, `postIncidentUpdate`. Same credentials and rules as REST; each field checks the permission of its REST route and answers its errors in `errors[]` with `extensions.code` (`UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`, `BAD_USER_INPUT` with `extensions.errors`), HTTP 200. A malformed document, one over 10 kB or nested deeper than 8 is a 400.";
const common = { tag: "GraphQL", path: "/api/graphql", responses: { 200: GraphqlResponse, 400: GraphqlBadRequest } } as const;

export const GRAPHQL = {
  get: operation({
    ...common, method: "GET", operationId: "graphqlGet", summary: "Run a GraphQL query (queries only)", description: `${GRAPHQL_DESCRIPTION} Mutations over GET are a 405.`,
    query: GraphqlQuery,
    run: ({ principal, query }) => runGraphql(principal, query, "GET"),
  }),
  post: operation({
    ...common, method: "POST", operationId: "graphqlPost", allowReadOnlyToken: true, summary: "Run a GraphQL query or mutation",
    description: `${GRAPHQL_DESCRIPTION} A read-only token may query; its mutations fail with \`This token does not permit write operations.\``,
    body: body({ GraphqlRequest }),
    run: ({ principal, body }) => runGraphql(principal, body, "POST"),
  }),
};
