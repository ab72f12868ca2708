import { api, endpoint } from "@/lib/api/handler";
import { runGraphql } from "@/lib/graphql";
import { GraphqlQuery, GraphqlRequest } from "@/lib/validation/graphql";

// Credentials, throttling, CSRF and CORS as for REST; each field then checks its own permission. A
// read-only token may POST (queries); its mutations are refused field by field.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ query: GraphqlQuery }, async ({ principal, query }) => runGraphql(principal, query, "GET")),
  POST: api({ allowReadOnlyToken: true, body: GraphqlRequest }, async ({ principal, body }) => runGraphql(principal, body, "POST")),
});
