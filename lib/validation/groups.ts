import { z, name, order, queryBool, listFilters, search, storedOut } from "./common.ts";

export const GroupInput = z.strictObject({
  name,
  order: order.optional(),
  collapsed: z.boolean().optional(),
  visible: z.boolean().optional(),
});
export type GroupInput = z.infer<typeof GroupInput>;

export const GroupPatch = GroupInput.partial();
export type GroupPatch = z.infer<typeof GroupPatch>;

export const GroupFilters = listFilters(["id", "name", "order", "created_at", "updated_at"], {
  visible: queryBool.optional(),
  collapsed: queryBool.optional(),
  name: z.string().optional(),
  q: search(),
});
export type GroupFilters = z.infer<typeof GroupFilters>;

/** One component group as the API returns it. */
export const GroupOut = storedOut({
  name: z.string(),
  order: z.number().int(),
  collapsed: z.boolean(),
  visible: z.boolean(),
});
export type GroupOut = z.infer<typeof GroupOut>;
