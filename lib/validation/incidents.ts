import { z, name, text, id, isoDate, queryBool, queryInt, listFilters, search, storedOut } from "./common.ts";
import { componentStatus } from "./components.ts";

export const INCIDENT_STATUSES = { 0: "Scheduled", 1: "Investigating", 2: "Identified", 3: "Watching", 4: "Fixed" } as const;
export const incidentStatus = z
  .number()
  .int()
  .refine((v) => v in INCIDENT_STATUSES, "Status must be 0 (scheduled), 1 (investigating), 2 (identified), 3 (watching) or 4 (fixed).");

/** Markdown bodies of incidents and their updates. */
const markdown = text(100_000);

/** `components: [{"id": 3, "status": 4}]`: the components an incident affects and the status it moves each to. */
export const AffectedComponentsInput = z
  .array(z.strictObject({ id, status: componentStatus }))
  .max(1000, "Ensure this list has no more than 1000 components.")
  .check(
    z.superRefine(
      (list: unknown[], ctx) => {
        const seen = new Set<unknown>();
        list.forEach((item, n) => {
          const id = (item as { id?: unknown } | null)?.id;
          if (typeof id !== "number") return;
          if (seen.has(id)) ctx.addIssue({ code: "custom", path: [n, "id"], message: `Component ${id} is listed more than once.` });
          seen.add(id);
        });
      },
      // Run even when another item failed, so every bad item is reported at once.
      { when: (payload) => Array.isArray(payload.value) },
    ),
  );
export type AffectedComponentsInput = z.infer<typeof AffectedComponentsInput>;

export const IncidentInput = z.strictObject({
  name,
  message: markdown.optional(),
  status: incidentStatus.optional(),
  visible: z.boolean().optional(),
  component_id: id.nullable().optional(),
  component_status: componentStatus.nullable().optional(),
  occurred_at: isoDate.optional(),
  scheduled_at: isoDate.nullable().optional(),
  components: AffectedComponentsInput.optional(),
});
export type IncidentInput = z.infer<typeof IncidentInput>;

export const IncidentPatch = IncidentInput.partial();
export type IncidentPatch = z.infer<typeof IncidentPatch>;

export const IncidentFilters = listFilters(["id", "name", "status", "occurred_at", "created_at"], {
  status: queryInt.pipe(incidentStatus).optional(),
  visible: queryBool.optional(),
  component_id: queryInt.optional(),
  q: search(),
});
export type IncidentFilters = z.infer<typeof IncidentFilters>;

/** An update posted to an incident (Cachet): it moves the incident, and optionally its component, along. */
export const IncidentUpdateInput = z.strictObject({
  status: incidentStatus,
  message: markdown.trim().min(1, "This field may not be blank."),
  component_status: componentStatus.nullable().optional(),
  components: AffectedComponentsInput.optional(),
});
export type IncidentUpdateInput = z.infer<typeof IncidentUpdateInput>;

/** PUT of an update replaces its text and status; the component is only moved when posting. */
export const IncidentUpdateReplace = IncidentUpdateInput.omit({ component_status: true, components: true });
export const IncidentUpdatePatch = IncidentUpdateReplace.partial();
export type IncidentUpdatePatch = z.infer<typeof IncidentUpdatePatch>;

export const IncidentUpdateFilters = listFilters(["id", "status", "created_at"], {
  status: queryInt.pipe(incidentStatus).optional(),
});
export type IncidentUpdateFilters = z.infer<typeof IncidentUpdateFilters>;

const statusName = z.enum(["Scheduled", "Investigating", "Identified", "Watching", "Fixed"]);

/** An affected component as an incident lists it: the status is the one the incident moved it to. */
export const AffectedComponentOut = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.number().int(),
  status_name: z.string(),
});

/** One incident as the API returns it. */
export const IncidentOut = storedOut({
  name: z.string(),
  message: z.string(),
  status: z.number().int(),
  status_name: statusName,
  visible: z.boolean(),
  component_id: z.number().int().nullable(),
  component_status: z.number().int().nullable(),
  occurred_at: z.iso.datetime(),
  scheduled_at: z.iso.datetime().nullable(),
  components: z.array(AffectedComponentOut).describe("The affected components (those of `components`, and Cachet's `component_id`), by id."),
});
export type IncidentOut = z.infer<typeof IncidentOut>;

/** One incident update as the API returns it. */
export const IncidentUpdateOut = storedOut({
  incident_id: z.number().int(),
  status: z.number().int(),
  status_name: statusName,
  message: z.string(),
  author_id: z.number().int().nullable(),
});
export type IncidentUpdateOut = z.infer<typeof IncidentUpdateOut>;
