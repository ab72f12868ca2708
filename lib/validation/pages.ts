import { z, name, text, queryBool, ordering } from "./common.ts";

export const pageSlug = z
  .string()
  .regex(/^[a-z0-9-]{1,100}$/, "Enter a slug of 1 to 100 lower-case letters, digits or hyphens.");

export const PageInput = z.strictObject({
  title: name,
  slug: pageSlug,
  body: text(100_000).optional(),
  published: z.boolean().optional(),
});
export type PageInput = z.infer<typeof PageInput>;

export const PagePatch = PageInput.partial();
export type PagePatch = z.infer<typeof PagePatch>;

export const PAGE_ORDERING = ["id", "title", "slug", "created_at", "updated_at"] as const;

export const PageFilters = z.object({
  published: queryBool.optional(),
  slug: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
  ordering: ordering(PAGE_ORDERING).optional(),
});
export type PageFilters = z.infer<typeof PageFilters>;

/** One page as the API returns it. */
export const PageOut = z.object({
  id: z.number().int(),
  title: z.string(),
  slug: z.string(),
  body: z.string(),
  published: z.boolean(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type PageOut = z.infer<typeof PageOut>;
