import { z, isoDate, queryBool, listFilters, search, storedOut } from "./common.ts";

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

export const SubscriberFilters = listFilters(["id", "email", "created_at", "updated_at"], {
  verified: queryBool.optional(),
  email: z.string().optional(),
  q: search(),
});
export type SubscriberFilters = z.infer<typeof SubscriberFilters>;

/** One subscriber as the API returns it. */
export const SubscriberOut = storedOut({
  email: z.string(),
  verified_at: z.iso.datetime().nullable(),
});
export type SubscriberOut = z.infer<typeof SubscriberOut>;
