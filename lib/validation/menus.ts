import { z, name, id, listFilters, search, storedOut } from "./common.ts";

/** http(s), or a path on this site. "//host" and "/\host" are refused: browsers take them to another site. */
export const menuUrl = z
  .string()
  .trim()
  .max(2048, "Ensure this field has no more than 2048 characters.")
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) || /^\/(?![/\\])[^\s\\]*$/.test(v), 'Enter an http(s) URL or a site-relative path starting with "/".');

/** A label and exactly one target. null counts as absent, so a menu read from the API can be written back as is. */
export const MenuItemInput = z
  .strictObject({
    label: z.string().trim().min(1, "This field may not be blank.").max(255, "Ensure this field has no more than 255 characters."),
    url: menuUrl.nullable().optional(),
    page_id: id.nullable().optional(),
  })
  .refine((item) => (item.url != null) !== (item.page_id != null), "Give exactly one of url and page_id.");
export type MenuItemInput = z.infer<typeof MenuItemInput>;

export const MAX_MENU_ITEMS = 200;

export const MenuInput = z.strictObject({
  name,
  items: z.array(MenuItemInput).max(MAX_MENU_ITEMS, `Ensure this field has no more than ${MAX_MENU_ITEMS} items.`).optional(),
});
export type MenuInput = z.infer<typeof MenuInput>;

export const MenuPatch = MenuInput.partial();
export type MenuPatch = z.infer<typeof MenuPatch>;

export const MenuFilters = listFilters(["id", "name", "created_at", "updated_at"], {
  name: z.string().optional(),
  q: search(),
});
export type MenuFilters = z.infer<typeof MenuFilters>;

export const MenuItemOut = z.object({
  label: z.string(),
  url: z.string().nullable(),
  page_id: z.number().int().nullable(),
});

/** One menu as the API returns it; items in their order. */
export const MenuOut = storedOut({
  name: z.string(),
  items: z.array(MenuItemOut),
});
export type MenuOut = z.infer<typeof MenuOut>;
