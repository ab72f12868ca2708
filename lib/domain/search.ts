// Case-insensitive substring search on a free-text column. Names and titles have lower-cased twins
// (`name_lower`) for search and sort; long texts (descriptions, messages, bodies) do not, so the
// comparison itself must ignore case: SQLite's LIKE already does (for ASCII), PostgreSQL needs ILIKE.
import { databaseKind } from "../config.ts";

export function textContains(q: string): { contains: string } {
  return (databaseKind() === "postgresql" ? { contains: q, mode: "insensitive" } : { contains: q }) as { contains: string };
}
