import { api, endpoint } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { requestOrigin } from "@/lib/net";
import { openApiDocument } from "@/lib/openapi";

// The server is Beacon's own origin (the configured public URL, else the request's host), so tools that
// fetched the document from elsewhere still call the right place.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({}, async ({ req }) => ok({ ...openApiDocument(), servers: [{ url: `${requestOrigin(req)}/` }] })),
});
