import { z, name, text, id, isoDate, queryBool, queryInt, listFilters, search, storedOut } from "./common.ts";

/** Derived from the window, `completed_at` and now: never stored. */
export const MAINTENANCE_STATUSES = { scheduled: "Scheduled", in_progress: "In progress", completed: "Completed" } as const;
export type MaintenanceStatus = keyof typeof MAINTENANCE_STATUSES;
const maintenanceStatus = z.enum(Object.keys(MAINTENANCE_STATUSES) as [MaintenanceStatus, ...MaintenanceStatus[]], {
  message: "Status must be scheduled, in_progress or completed.",
});

const componentIds = z
  .array(id)
  .max(1000, "Ensure this list has no more than 1000 components.")
  .check(
    z.superRefine(
      (list: unknown[], ctx) => {
        const seen = new Set<unknown>();
        list.forEach((value, n) => {
          if (typeof value !== "number") return;
          if (seen.has(value)) ctx.addIssue({ code: "custom", path: [n], message: `Component ${value} is listed more than once.` });
          seen.add(value);
        });
      },
      { when: (payload) => Array.isArray(payload.value) },
    ),
  );

const shape = {
  name,
  message: text(100_000).optional(),
  scheduled_start: isoDate,
  scheduled_end: isoDate,
  completed_at: isoDate.nullable().optional(),
  visible: z.boolean().optional(),
  component_ids: componentIds.optional(),
};

type Window = { scheduled_start?: unknown; scheduled_end?: unknown; completed_at?: unknown };
const isDate = (v: unknown): v is Date => v instanceof Date && !Number.isNaN(v.getTime());

/** End after start, and an early end inside the window: checked with every other field, so all bad fields show at once. */
export function windowErrors(w: Window): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (isDate(w.scheduled_start) && isDate(w.scheduled_end) && w.scheduled_end <= w.scheduled_start) {
    errors.scheduled_end = ["The end must be after the start."];
  }
  if (isDate(w.scheduled_start) && isDate(w.completed_at) && w.completed_at < w.scheduled_start) {
    errors.completed_at = ["Maintenance cannot be completed before it starts."];
  }
  return errors;
}

// `when`: run even when other fields failed (zod skips refinements of an object with issues otherwise).
const windowCheck = <T extends z.ZodObject>(schema: T) =>
  schema.check(
    z.superRefine(
      (value, ctx) => {
        for (const [field, messages] of Object.entries(windowErrors(value as Window))) {
          for (const message of messages) ctx.addIssue({ code: "custom", path: [field], message });
        }
      },
      { when: (payload) => typeof payload.value === "object" && payload.value !== null },
    ),
  );

export const MaintenanceInput = windowCheck(z.strictObject(shape));
export type MaintenanceInput = z.infer<typeof MaintenanceInput>;

export const MaintenancePatch = windowCheck(z.strictObject(shape).partial());
export type MaintenancePatch = z.infer<typeof MaintenancePatch>;

export const MaintenanceFilters = listFilters(["id", "name", "scheduled_start", "scheduled_end", "created_at"], {
  status: maintenanceStatus.optional(),
  visible: queryBool.optional(),
  component_id: queryInt.optional(),
  q: search(),
});
export type MaintenanceFilters = z.infer<typeof MaintenanceFilters>;

/** One maintenance as the API returns it. */
export const MaintenanceOut = storedOut({
  name: z.string(),
  message: z.string(),
  scheduled_start: z.iso.datetime(),
  scheduled_end: z.iso.datetime(),
  completed_at: z.iso.datetime().nullable(),
  visible: z.boolean(),
  status: maintenanceStatus.describe("scheduled before the start, in_progress during the window, completed after its end or once completed_at is set."),
  status_name: z.enum(Object.values(MAINTENANCE_STATUSES) as [string, ...string[]]),
  components: z.array(z.object({ id: z.number().int(), name: z.string() })).describe("The components under maintenance, by id."),
});
export type MaintenanceOut = z.infer<typeof MaintenanceOut>;
