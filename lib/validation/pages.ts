import { z, name, text, queryBool, listFilters, search, storedOut } from "./common.ts";

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

export const PageFilters = listFilters(["id", "title", "slug", "created_at", "updated_at"], {
  published: queryBool.optional(),
  slug: z.string().max(200).optional(),
  q: search(),
});
export type PageFilters = z.infer<typeof PageFilters>;

/** One page as the API returns it. */
export const PageOut = storedOut({
  title: z.string(),
  slug: z.string(),
  body: z.string(),
  published: z.boolean(),
});
export type PageOut = z.infer<typeof PageOut>;
