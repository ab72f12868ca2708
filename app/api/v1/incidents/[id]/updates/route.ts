import { api, endpoint } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { paginated } from "@/lib/api/pagination";
import { parsePage } from "@/lib/paging";
import { parseId } from "@/lib/ids";
import { IncidentUpdateFilters, IncidentUpdateInput } from "@/lib/validation/incidents";
import { listIncidentUpdates, postIncidentUpdate } from "@/lib/incidents";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "incidents:read", query: IncidentUpdateFilters }, async ({ req, url, principal, params, query }) => {
    const incidentId = parseId(params.id);
    const page = parsePage(url);
    const { count, results } = await listIncidentUpdates(principal, incidentId, query, page);
    return ok(paginated(req, url, page, count, results));
  }),
  POST: api({ permission: "incidents:write", body: IncidentUpdateInput }, async ({ principal, params, body }) =>
    created(await postIncidentUpdate(principal, parseId(params.id), body)),
  ),
});
