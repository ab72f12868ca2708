import { api, endpoint } from "@/lib/api/handler";
import { noContent, ok } from "@/lib/api/respond";
import { IncidentInput, IncidentPatch } from "@/lib/validation/incidents";
import { INCIDENT_DEFAULTS, deleteIncident, getIncident, updateIncident } from "@/lib/incidents";
import { parseId } from "@/lib/ids";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "incidents:read" }, async ({ principal, params }) => ok(await getIncident(principal, parseId(params.id)))),
  PUT: api({ permission: "incidents:write", body: IncidentInput }, async ({ principal, params, body }) =>
    ok(await updateIncident(principal, parseId(params.id), { ...INCIDENT_DEFAULTS, ...body })),
  ),
  PATCH: api({ permission: "incidents:write", body: IncidentPatch }, async ({ principal, params, body }) =>
    ok(await updateIncident(principal, parseId(params.id), body)),
  ),
  DELETE: api({ permission: "incidents:write" }, async ({ principal, params }) => {
    await deleteIncident(principal, parseId(params.id));
    return noContent();
  }),
});
