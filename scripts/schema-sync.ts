// The PostgreSQL schema is derived from the SQLite one: only the datasource provider and the
// generated client's output folder differ. Used by the authoring script and by the drift test.

export const SQLITE_SCHEMA = "prisma/sqlite/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";

const HEADER_SQLITE = /^\/\/ Beacon's data model\. This file is the source:.*\n\/\/.*\n/;
const POSTGRES_HEADER =
  "// GENERATED from prisma/sqlite/schema.prisma by `npm run db:author`: edit that file, not this one.\n";

export function postgresSchemaFrom(sqliteSchema: string): string {
  const out = sqliteSchema
    .replace(HEADER_SQLITE, POSTGRES_HEADER)
    .replace('output       = "../../lib/generated/sqlite"', 'output       = "../../lib/generated/postgresql"')
    .replace(/provider = "sqlite"/, 'provider = "postgresql"');
  if (out === sqliteSchema) throw new Error("schema-sync: the SQLite schema no longer has the expected header/provider lines");
  return out;
}
