import { api, endpoint } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { paginated } from "@/lib/api/pagination";
import { parsePage } from "@/lib/paging";
import { IncidentFilters, IncidentInput } from "@/lib/validation/incidents";
import { createIncident, listIncidents } from "@/lib/incidents";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "incidents:read", query: IncidentFilters }, async ({ req, url, principal, query }) => {
    const page = parsePage(url);
    const { count, results } = await listIncidents(principal, query, page);
    return ok(paginated(req, url, page, count, results));
  }),
  POST: api({ permission: "incidents:write", body: IncidentInput }, async ({ body }) => created(await createIncident(body))),
});
