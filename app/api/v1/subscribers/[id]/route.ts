import { api, endpoint } from "@/lib/api/handler";
import { noContent, ok } from "@/lib/api/respond";
import { SubscriberInput, SubscriberPatch } from "@/lib/validation/subscribers";
import { SUBSCRIBER_DEFAULTS, deleteSubscriber, getSubscriber, updateSubscriber } from "@/lib/subscribers";
import { parseId } from "@/lib/ids";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "subscribers:read", requireUser: true }, async ({ params }) => ok(await getSubscriber(parseId(params.id)))),
  PUT: api({ permission: "subscribers:write", requireUser: true, body: SubscriberInput }, async ({ params, body }) =>
    ok(await updateSubscriber(parseId(params.id), { ...SUBSCRIBER_DEFAULTS, ...body })),
  ),
  PATCH: api({ permission: "subscribers:write", requireUser: true, body: SubscriberPatch }, async ({ params, body }) =>
    ok(await updateSubscriber(parseId(params.id), body)),
  ),
  DELETE: api({ permission: "subscribers:write", requireUser: true }, async ({ params }) => {
    await deleteSubscriber(parseId(params.id));
    return noContent();
  }),
});
