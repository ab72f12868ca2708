// /api/v1/subscribers: never public — subscribers:* is above the anonymous ceiling, so a token or a session is always needed.
import { body, named, operation } from "../api/operation.ts";
import { created, noContent, ok } from "../api/respond.ts";
import { parseId } from "../ids.ts";
import { SUBSCRIBER_DEFAULTS, createSubscriber, deleteSubscriber, getSubscriber, listSubscribers, updateSubscriber } from "../subscribers/index.ts";
import { SubscriberFilters, SubscriberInput, SubscriberOut, SubscriberPatch } from "../validation/subscribers.ts";
import { NO_CONTENT, list } from "./shared.ts";

const Subscriber = named("Subscriber", SubscriberOut);
const common = { tag: "Subscribers", resource: "subscribers" } as const;
const COLLECTION = "/api/v1/subscribers";
const DETAIL = "/api/v1/subscribers/{id}";

export const SUBSCRIBERS = {
  list: operation({
    ...common, method: "GET", path: COLLECTION, operationId: "listSubscribers", summary: "List subscribers",
    query: SubscriberFilters, responses: { 200: list(Subscriber) },
    list: ({ query, page }) => listSubscribers(query, page),
  }),
  create: operation({
    ...common, method: "POST", path: COLLECTION, operationId: "createSubscriber", summary: "Add a subscriber",
    body: body({ SubscriberInput }), responses: { 201: Subscriber },
    run: async ({ body }) => created(await createSubscriber(body)),
  }),
  get: operation({
    ...common, method: "GET", path: DETAIL, operationId: "getSubscriber", summary: "Read a subscriber", responses: { 200: Subscriber },
    run: async ({ params }) => ok(await getSubscriber(parseId(params.id))),
  }),
  replace: operation({
    ...common, method: "PUT", path: DETAIL, operationId: "replaceSubscriber", summary: "Replace a subscriber",
    body: body({ SubscriberInput }), responses: { 200: Subscriber },
    run: async ({ params, body }) => ok(await updateSubscriber(parseId(params.id), { ...SUBSCRIBER_DEFAULTS, ...body })),
  }),
  update: operation({
    ...common, method: "PATCH", path: DETAIL, operationId: "updateSubscriber", summary: "Change some fields of a subscriber",
    body: body({ SubscriberPatch }), responses: { 200: Subscriber },
    run: async ({ params, body }) => ok(await updateSubscriber(parseId(params.id), body)),
  }),
  delete: operation({
    ...common, method: "DELETE", path: DETAIL, operationId: "deleteSubscriber", summary: "Remove a subscriber", responses: NO_CONTENT,
    run: async ({ params }) => {
      await deleteSubscriber(parseId(params.id));
      return noContent();
    },
  }),
};
