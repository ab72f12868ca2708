import { z, isoDate, queryBool, ordering } from "./common.ts";

/** Stored lower-cased, so uniqueness and look-ups ignore case on both databases. */
export const subscriberEmail = z
  .string()
  .trim()
  .max(254, "Ensure this field has no more than 254 characters.")
  .pipe(z.email("Enter a valid e-mail address."))
  .transform((v) => v.toLowerCase());

export const SubscriberInput = z.strictObject({
  email: subscriberEmail,
  verified_at: isoDate.nullable().optional(),
});
export type SubscriberInput = z.infer<typeof SubscriberInput>;

export const SubscriberPatch = SubscriberInput.partial();
export type SubscriberPatch = z.infer<typeof SubscriberPatch>;

export const SUBSCRIBER_ORDERING = ["id", "email", "created_at", "updated_at"] as const;

export const SubscriberFilters = z.object({
  verified: queryBool.optional(),
  email: z.string().optional(),
  q: z.string().max(200).optional(),
  ordering: ordering(SUBSCRIBER_ORDERING).optional(),
});
export type SubscriberFilters = z.infer<typeof SubscriberFilters>;

/** One subscriber as the API returns it. */
export const SubscriberOut = z.object({
  id: z.number().int(),
  email: z.string(),
  verified_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type SubscriberOut = z.infer<typeof SubscriberOut>;
