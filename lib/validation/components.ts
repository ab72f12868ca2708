import { z, name, text, optionalUrl, order, id, queryBool, queryInt, listFilters, search, storedOut } from "./common.ts";

export const COMPONENT_STATUSES = { 1: "Operational", 2: "Performance issues", 3: "Partial outage", 4: "Major outage" } as const;
export const componentStatus = z
  .number()
  .int()
  .refine((v) => v in COMPONENT_STATUSES, "Status must be 1 (operational), 2 (performance issues), 3 (partial outage) or 4 (major outage).");

export const ComponentInput = z.strictObject({
  name,
  description: text(10_000).optional(),
  link: optionalUrl.optional(),
  status: componentStatus.optional(),
  order: order.optional(),
  group_id: id.nullable().optional(),
  enabled: z.boolean().optional(),
});
export type ComponentInput = z.infer<typeof ComponentInput>;

export const ComponentPatch = ComponentInput.partial();
export type ComponentPatch = z.infer<typeof ComponentPatch>;

export const ComponentFilters = listFilters(["id", "name", "order", "status", "created_at", "updated_at"], {
  status: queryInt.pipe(componentStatus).optional(),
  group_id: queryInt.optional(),
  enabled: queryBool.optional(),
  name: z.string().optional(),
  q: search(),
});
export type ComponentFilters = z.infer<typeof ComponentFilters>;

// "Unknown" only for a status stored outside 1–4, which the input schemas never let through.
const statusName = z.enum([...Object.values(COMPONENT_STATUSES), "Unknown"]);

/** One component as the API returns it (lib/components' serializeComponent). */
export const ComponentOut = storedOut({
  name: z.string(),
  description: z.string(),
  link: z.string(),
  status: componentStatus,
  status_name: statusName,
  order: z.number().int(),
  group_id: z.number().int().nullable(),
  enabled: z.boolean(),
});
export type ComponentOut = z.infer<typeof ComponentOut>;
