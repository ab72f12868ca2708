// Unique constraints of the schema as the API reports them (API.md §2: 409 `Conflict.` + `errors`).
/**
 * The one table of unique-constraint messages: per model, each unique column (as the database names
 * it) and the API field and message a 409 reports for it. The error mapper
 * (lib/api/map-error) answers every P2002 from it; domains neither pre-check nor catch P2002.
 */
interface UniqueField {
  field: string;
  message: string;
}

export const UNIQUE = {
  Page: { slug: { field: "slug", message: "A page with this slug already exists." } },
  User: { email: { field: "email", message: "A user with this e-mail already exists." } },
  Subscriber: { email: { field: "email", message: "A subscriber with this e-mail already exists." } },
  Role: {
    name: { field: "name", message: "A role with this name already exists." },
    name_lower: { field: "name", message: "A role with this name already exists." },
  },
  // Two requests restoring the same key: the loser hears about the key, not a column.
  ApiToken: {
    digest: { field: "key", message: "A token with this key already exists." },
    previous_digest: { field: "key", message: "A token with this key already exists." },
  },
} satisfies Record<string, Record<string, UniqueField>>;

const TABLE: Record<string, Record<string, UniqueField> | undefined> = UNIQUE;

/** The API field and message for a unique violation on `field` (of `model`, when the error names it). */
export function uniqueViolation(model: string | undefined, field: string | undefined): UniqueField {
  // Prisma's own field names (`nameLower`) or the database's columns (`name_lower`): one spelling.
  const column = field?.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  // No model named (other error shapes): a column only one model has unique is still that model's.
  const candidates = model ? [TABLE[model]?.[column ?? ""]] : Object.values(TABLE).map((fields) => fields?.[column ?? ""]);
  const known = candidates.filter((c) => c !== undefined);
  if (known.length === 1) return known[0];
  return { field: column ? column.replace(/_lower$/, "") : "non_field_errors", message: "This value is already taken." };
}
