// API fields (snake_case) and columns (camelCase), converted in one place for every domain.

type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** The Prisma `data` of a write: each field under its column, plus the lower-cased twin of the named ones (required ones stay required). */
export type Columns<Input, Twin extends keyof Input> = { [K in keyof Input as Camel<K & string>]: Exclude<Input[K], undefined> } & {
  [K in keyof Input as K extends Twin ? `${Camel<K & string>}Lower` : never]: string;
};

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * PATCH semantics: fields left out (undefined) are left alone. `twins` are the searchable text fields
 * stored with a lower-cased copy (`name` → `nameLower`) for case-insensitive filters and ordering.
 */
export function toColumns<Input extends object, Twin extends keyof Input & string = never>(input: Input, twins: readonly Twin[] = []): Columns<Input, Twin> {
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue;
    data[camel(field)] = value;
    if ((twins as readonly string[]).includes(field)) data[`${camel(field)}Lower`] = String(value).toLowerCase();
  }
  return data as Columns<Input, Twin>;
}

/** `created_at` and `updated_at`, last in every object the API returns. */
export function timestamps(row: { createdAt: Date; updatedAt: Date }) {
  return { created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString() };
}
