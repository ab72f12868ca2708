import { api, endpoint } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { openApiDocument } from "@/lib/openapi";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({}, async () => ok(openApiDocument())),
});
