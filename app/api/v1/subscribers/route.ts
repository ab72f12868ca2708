import { api, endpoint } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { paginated } from "@/lib/api/pagination";
import { parsePage } from "@/lib/paging";
import { SubscriberFilters, SubscriberInput } from "@/lib/validation/subscribers";
import { createSubscriber, listSubscribers } from "@/lib/subscribers";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "subscribers:read", requireUser: true, query: SubscriberFilters }, async ({ req, url, query }) => {
    const page = parsePage(url);
    const { count, results } = await listSubscribers(query, page);
    return ok(paginated(req, url, page, count, results));
  }),
  POST: api({ permission: "subscribers:write", requireUser: true, body: SubscriberInput }, async ({ body }) => created(await createSubscriber(body))),
});
