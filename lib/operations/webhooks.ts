// /api/v1/webhooks: signed webhook endpoints and their deliveries (issue 12). `webhooks:*` is above the
// anonymous ceiling and can never be given to the public role: a token or a session is always needed.
import { body, named, operation } from "../api/operation.ts";
import { ok } from "../api/respond.ts";
import { parseId } from "../ids.ts";
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  rotateWebhookSecret,
  updateWebhook,
} from "../webhooks/index.ts";
import { DeliveryFilters, DeliveryOut, EVENT_TYPES, WebhookFilters, WebhookInput, WebhookOut, WebhookPatch, WebhookWithSecret } from "../validation/webhooks.ts";
import { resource } from "./resource.ts";
import { list } from "./shared.ts";

const webhooks = { tag: "Webhooks", resource: "webhooks" } as const;
const WithSecret = named("WebhookWithSecret", WebhookWithSecret);
const Delivery = named("WebhookDelivery", DeliveryOut);

const SIGNING =
  "Deliveries follow the Standard Webhooks specification: a POST of `{\"type\", \"timestamp\", \"data\"}` with the headers `webhook-id` " +
  "(the same on every retry: de-duplicate on it), `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256>` " +
  "of `id.timestamp.body` under the secret; verify it with any `standardwebhooks` library). Event types: " +
  EVENT_TYPES.map((t) => `\`${t}\``).join(", ") +
  ". Targets that resolve to loopback, private, link-local, CGNAT, unique-local or metadata addresses are refused (400 on `url`).";

export const WEBHOOKS = {
  ...resource(
    { ...webhooks, path: "/api/v1/webhooks", name: "Webhook", noun: "a webhook endpoint" },
    { out: WebhookOut, filters: WebhookFilters, input: body({ WebhookInput }), patch: body({ WebhookPatch }) },
    {
      list: (_principal, query, page) => listWebhooks(query, page),
      create: createWebhook,
      get: (_principal, id) => getWebhook(id),
      update: updateWebhook,
      remove: deleteWebhook,
    },
    {
      create: { summary: "Register a webhook endpoint", description: `The answer carries the signing \`secret\` (\`whsec_…\`), which no later response shows. ${SIGNING}`, responses: { 201: WithSecret } },
      replace: { description: "Sending `enabled: true` re-enables an endpoint Beacon disabled after repeated failures, and clears the reason." },
      update: { description: "Sending `enabled: true` re-enables an endpoint Beacon disabled after repeated failures, and clears the reason." },
    },
  ),
  rotateSecret: operation({
    ...webhooks, method: "POST", path: "/api/v1/webhooks/{id}/rotate-secret", operationId: "rotateWebhookSecret", summary: "Give a webhook endpoint a new signing secret",
    description: "The new `secret` is in this answer only. For 24 hours deliveries carry two signatures, under the new and the old secret, so receivers can switch without losing any.",
    responses: { 200: WithSecret },
    run: async ({ principal, params }) => ok(await rotateWebhookSecret(principal, parseId(params.id))),
  }),
  deliveries: operation({
    ...webhooks, method: "GET", path: "/api/v1/webhooks/{id}/deliveries", operationId: "listWebhookDeliveries", summary: "List the deliveries of a webhook endpoint",
    description: "Newest first: status (`queued`, `sending`, `sent`, `failed`), attempts, the last response code and error, and when the next attempt is due.",
    query: DeliveryFilters, responses: { 200: list(Delivery) },
    list: ({ params, query, page }) => listDeliveries(parseId(params.id), query, page),
  }),
  redeliver: operation({
    ...webhooks, method: "POST", path: "/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver", operationId: "redeliverWebhookDelivery", summary: "Send a delivery again",
    description: "Queues one more attempt now, with the same `webhook-id`. 409 while the delivery is being sent, or when the endpoint is disabled.",
    responses: { 202: Delivery },
    run: async ({ principal, params }) => ({ status: 202, body: await redeliver(principal, parseId(params.id), parseId(params.delivery_id)) }),
  }),
};
