// Configuration for the Prisma CLI (generate, validate, format). Beacon applies migrations with its own
// runner (lib/db/migrate.ts) and authors them with scripts/author-migration.ts: see README.
import { defineConfig } from "prisma/config";

const isPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
export default defineConfig({
  schema: isPostgres ? "prisma/postgresql/schema.prisma" : "prisma/sqlite/schema.prisma",
  migrations: { path: isPostgres ? "prisma/postgresql/migrations" : "prisma/sqlite/migrations" },
});
