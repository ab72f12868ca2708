// /api/v1/subscribers: never public — subscribers:* is above the anonymous ceiling, so a token or a session is always needed.
import { body } from "../api/operation.ts";
import { SUBSCRIBER_DEFAULTS, createSubscriber, deleteSubscriber, getSubscriber, listSubscribers, updateSubscriber } from "../subscribers/index.ts";
import { SubscriberFilters, SubscriberInput, SubscriberOut, SubscriberPatch } from "../validation/subscribers.ts";
import { resource } from "./resource.ts";

// Subscribers are the same to every principal allowed to see them: the domain takes no principal.
export const SUBSCRIBERS = resource(
  { tag: "Subscribers", resource: "subscribers", path: "/api/v1/subscribers", name: "Subscriber", noun: "a subscriber" },
  { out: SubscriberOut, filters: SubscriberFilters, input: body({ SubscriberInput }), patch: body({ SubscriberPatch }), defaults: SUBSCRIBER_DEFAULTS },
  {
    list: (_principal, query, page) => listSubscribers(query, page),
    create: (_principal, input) => createSubscriber(input),
    get: (_principal, id) => getSubscriber(id),
    update: (_principal, id, patch) => updateSubscriber(id, patch),
    remove: (_principal, id) => deleteSubscriber(id),
  },
  { create: { summary: "Add a subscriber" }, delete: { summary: "Remove a subscriber" } },
);
