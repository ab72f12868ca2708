// Building blocks shared by the API's zod schemas and the UI's forms.
import { z } from "zod";

// DRF-like messages for the commonest failures; everything else keeps zod's own wording.
z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type" && issue.input === undefined) return "This field is required.";
    if (issue.code === "invalid_type" && issue.input === null) return "This field may not be null.";
    return undefined;
  },
});

export { z };

export const name = z.string().trim().min(1, "This field may not be blank.").max(255, "Ensure this field has no more than 255 characters.");
export const text = (max: number) => z.string().max(max, `Ensure this field has no more than ${max} characters.`);
export const optionalUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v), "Enter a valid http(s) URL.");
export const order = z.number().int("A whole number is required.").min(-1_000_000).max(1_000_000);
/** Database ids are 32-bit integers on both databases. */
export const MAX_ID = 2_147_483_647;
export const id = z.number().int().positive().max(MAX_ID, "No object has this id.");
export const isoDate = z.iso
  .datetime({
    offset: true,
    error: (issue) => (issue.input === undefined ? "This field is required." : "Enter an ISO-8601 date and time, e.g. 2026-11-22T10:00:00Z."),
  })
  .transform((v) => new Date(v))
  // Both databases and ISO-8601's plain form stop at these years (in UTC).
  .refine((d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, "Enter a date between the years 0001 and 9999 (UTC).");

/** Query-string booleans: true/false/1/0/yes/no. */
export const queryBool = z
  .string()
  .transform((v, ctx) => {
    const s = v.trim().toLowerCase();
    if (["true", "1", "yes"].includes(s)) return true;
    if (["false", "0", "no"].includes(s)) return false;
    ctx.addIssue({ code: "custom", message: "Enter true or false." });
    return z.NEVER;
  });

/** Query-string integers. */
export const queryInt = z
  .string()
  .regex(/^-?\d{1,10}$/, "A whole number is required.")
  .transform(Number)
  .refine((n) => Math.abs(n) <= MAX_ID, "A whole number is required.");

/** An id in the query string (`?user_id=7`). */
export const queryId = z.string().regex(/^\d{1,10}$/, "A whole number is required.").transform(Number).refine((n) => n <= MAX_ID, "No object has this id.");

/** `?ordering=name,-id` against a whitelist of fields. */
export function ordering<T extends string>(fields: readonly T[]) {
  return z
    .string()
    .transform((v, ctx) => {
      const parts = v.split(",").map((s) => s.trim()).filter(Boolean);
      const out: { field: T; desc: boolean }[] = [];
      for (const part of parts) {
        const desc = part.startsWith("-");
        const field = (desc ? part.slice(1) : part) as T;
        if (!fields.includes(field)) {
          ctx.addIssue({ code: "custom", message: `Unknown ordering field "${field}". Use one of: ${fields.join(", ")}.` });
          return z.NEVER;
        }
        out.push({ field, desc });
      }
      return out;
    });
}

/** `?q=`: free text searched in the resource's own text fields. */
export const search = () => z.string().max(200).optional();

/** A list's query filters: the resource's own, then `?ordering=` against `fields` (NetBox's FilterSet + OrderingFilter). */
export function listFilters<T extends string, S extends z.ZodRawShape>(fields: readonly T[], shape: S) {
  return z.object({ ...shape, ordering: ordering(fields).optional() });
}

/** A stored object as the API returns it: its id, its own fields, then when it was created and last changed. */
export function storedOut<S extends z.ZodRawShape>(shape: S) {
  return z.object({ id: z.number().int(), ...shape, created_at: z.iso.datetime(), updated_at: z.iso.datetime() });
}
