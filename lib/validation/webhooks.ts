// Webhook endpoints and their deliveries (issue 12), shared by the API and the admin screen.
import { z, listFilters, queryBool, storedOut } from "./common.ts";

/** What a webhook can subscribe to: the domain events the outbox records (lib/outbox/events.ts). */
export const EVENT_TYPES = [
  "incident.created",
  "incident.updated",
  "incident.resolved",
  "incident_update.created",
  "component.status_changed",
  "maintenance.scheduled",
  "maintenance.started",
  "maintenance.completed",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const DELIVERY_STATUSES = ["queued", "sending", "sent", "failed"] as const;

const webhookUrl = z
  .string()
  .trim()
  .min(1, "This field may not be blank.")
  .max(2048, "Ensure this field has no more than 2048 characters.")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a valid URL." });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") ctx.addIssue({ code: "custom", message: "Only http and https URLs can receive webhooks." });
    else if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Credentials in the URL are not allowed; authenticate by verifying the signature." });
  });

const eventList = z
  .array(z.enum(EVENT_TYPES, { message: `Unknown event type. Use one of: ${EVENT_TYPES.join(", ")}.` }))
  .min(1, "Choose at least one event.")
  .transform((list) => EVENT_TYPES.filter((t) => list.includes(t)));

const description = z.string().trim().max(200, "Ensure this field has no more than 200 characters.");

export const WebhookInput = z.strictObject({
  url: webhookUrl,
  events: eventList,
  description: description.optional(),
  enabled: z.boolean().optional(),
});
export type WebhookInput = z.infer<typeof WebhookInput>;

export const WebhookPatch = WebhookInput.partial();
export type WebhookPatch = z.infer<typeof WebhookPatch>;

export const WebhookFilters = listFilters(["id", "created_at", "updated_at"], { enabled: queryBool.optional() });
export type WebhookFilters = z.infer<typeof WebhookFilters>;

export const WebhookOut = storedOut({
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(EVENT_TYPES)),
  enabled: z.boolean(),
  /** Why Beacon disabled it (repeated failures), or null. */
  disabled_reason: z.string().nullable(),
  disabled_at: z.iso.datetime().nullable(),
  /** Since when every attempt has failed, or null while it answers. */
  failing_since: z.iso.datetime().nullable(),
});
export type WebhookOut = z.infer<typeof WebhookOut>;

/** The answer of create and rotate-secret: the only ones that carry the signing secret. */
export const WebhookWithSecret = WebhookOut.extend({ secret: z.string().regex(/^whsec_/) });

export const DeliveryFilters = listFilters(["id", "created_at"], { status: z.enum(DELIVERY_STATUSES).optional() });
export type DeliveryFilters = z.infer<typeof DeliveryFilters>;

export const DeliveryOut = z.object({
  id: z.number().int(),
  webhook_id: z.number().int(),
  /** The `webhook-id` header: the same on every attempt and redelivery. */
  message_id: z.string(),
  event_id: z.number().int().nullable(),
  event_type: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  response_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: z.iso.datetime(),
  last_attempt_at: z.iso.datetime().nullable(),
  next_attempt_at: z.iso.datetime().nullable(),
  sent_at: z.iso.datetime().nullable(),
});
export type DeliveryOut = z.infer<typeof DeliveryOut>;
