import { z, name, order, queryBool, ordering } from "./common.ts";

export const GroupInput = z.strictObject({
  name,
  order: order.optional(),
  collapsed: z.boolean().optional(),
  visible: z.boolean().optional(),
});
export type GroupInput = z.infer<typeof GroupInput>;

export const GroupPatch = GroupInput.partial();
export type GroupPatch = z.infer<typeof GroupPatch>;

export const GROUP_ORDERING = ["id", "name", "order", "created_at", "updated_at"] as const;

export const GroupFilters = z.object({
  visible: queryBool.optional(),
  collapsed: queryBool.optional(),
  name: z.string().optional(),
  q: z.string().max(200).optional(),
  ordering: ordering(GROUP_ORDERING).optional(),
});
export type GroupFilters = z.infer<typeof GroupFilters>;

/** One component group as the API returns it. */
export const GroupOut = z.object({
  id: z.number().int(),
  name: z.string(),
  order: z.number().int(),
  collapsed: z.boolean(),
  visible: z.boolean(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type GroupOut = z.infer<typeof GroupOut>;
