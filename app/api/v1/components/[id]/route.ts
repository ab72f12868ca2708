import { api, endpoint } from "@/lib/api/handler";
import { noContent, ok } from "@/lib/api/respond";
import { ComponentInput, ComponentPatch } from "@/lib/validation/components";
import { COMPONENT_DEFAULTS, deleteComponent, getComponent, updateComponent } from "@/lib/components";
import { parseId } from "@/lib/ids";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "components:read" }, async ({ principal, params }) => ok(await getComponent(principal, parseId(params.id)))),
  PUT: api({ permission: "components:write", body: ComponentInput }, async ({ principal, params, body }) =>
    ok(await updateComponent(principal, parseId(params.id), { ...COMPONENT_DEFAULTS, ...body })),
  ),
  PATCH: api({ permission: "components:write", body: ComponentPatch }, async ({ principal, params, body }) =>
    ok(await updateComponent(principal, parseId(params.id), body)),
  ),
  DELETE: api({ permission: "components:write" }, async ({ principal, params }) => {
    await deleteComponent(principal, parseId(params.id));
    return noContent();
  }),
});
