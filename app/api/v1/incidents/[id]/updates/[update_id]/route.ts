import { api, endpoint } from "@/lib/api/handler";
import { noContent, ok } from "@/lib/api/respond";
import { parseId } from "@/lib/ids";
import { IncidentUpdatePatch, IncidentUpdateReplace } from "@/lib/validation/incidents";
import { deleteIncidentUpdate, getIncidentUpdate, updateIncidentUpdate } from "@/lib/incidents";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "incidents:read" }, async ({ principal, params }) =>
    ok(await getIncidentUpdate(principal, parseId(params.id), parseId(params.update_id))),
  ),
  PUT: api({ permission: "incidents:write", body: IncidentUpdateReplace }, async ({ principal, params, body }) =>
    ok(await updateIncidentUpdate(principal, parseId(params.id), parseId(params.update_id), body)),
  ),
  PATCH: api({ permission: "incidents:write", body: IncidentUpdatePatch }, async ({ principal, params, body }) =>
    ok(await updateIncidentUpdate(principal, parseId(params.id), parseId(params.update_id), body)),
  ),
  DELETE: api({ permission: "incidents:write" }, async ({ principal, params }) => {
    await deleteIncidentUpdate(principal, parseId(params.id), parseId(params.update_id));
    return noContent();
  }),
});
