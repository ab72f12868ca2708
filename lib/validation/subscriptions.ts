// Self-service e-mail subscriptions (/api/v1/subscriptions): what a visitor sends and what they get back.
import { z, id } from "./common.ts";
import { subscriberEmail } from "./subscribers.ts";

const componentIds = z
  .array(id, "Enter a list of component ids.")
  .max(500, "Ensure this field has no more than 500 elements.")
  .transform((ids) => [...new Set(ids)].sort((a, b) => a - b));

/** A signed code from a confirmation or manage link (the `code` query parameter of the link). */
export const linkCode = z.string().min(1, "This field may not be blank.").max(1500, "This link is not valid.");

export const SubscriptionRequest = z.strictObject({
  email: subscriberEmail,
  /** None or empty: every component, now and later. */
  component_ids: componentIds.optional(),
});
export type SubscriptionRequest = z.infer<typeof SubscriptionRequest>;

export const SubscriptionConfirm = z.strictObject({ code: linkCode });
export type SubscriptionConfirm = z.infer<typeof SubscriptionConfirm>;

export const SubscriptionManage = z.strictObject({ code: linkCode });
export type SubscriptionManage = z.infer<typeof SubscriptionManage>;

export const SubscriptionPreferences = z.strictObject({
  code: linkCode,
  /** Empty: every component. */
  component_ids: componentIds,
});
export type SubscriptionPreferences = z.infer<typeof SubscriptionPreferences>;

export const SubscriptionAccepted = z.object({ detail: z.string() });

/** A subscription as its owner sees it through a manage link. */
export const SubscriptionOut = z.object({
  email: z.string(),
  verified_at: z.iso.datetime().nullable(),
  /** Empty: every component. */
  component_ids: z.array(z.number().int()),
});
export type SubscriptionOut = z.infer<typeof SubscriptionOut>;
