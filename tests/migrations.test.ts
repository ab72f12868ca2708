// The committed migrations must reach exactly the schema, on both databases, and the PostgreSQL schema must
// be the one generated from the SQLite schema. Fix any failure here with `npm run db:author -- <name>`.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test, type TestContext } from "node:test";
import { projectRoot } from "../lib/config.ts";
import { migrate } from "../lib/db/migrate.ts";
import {
  authorMigrationSql,
  isEmptyMigration,
  migrationList,
  postgresUnreachable,
  schemaPath,
  withSchemaEngine,
  type Provider,
} from "../scripts/schema-engine.ts";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "../scripts/schema-sync.ts";
import { testDatabaseUrl } from "../scripts/test-services.ts";

const read = (file: string) => fs.readFileSync(path.join(projectRoot(), file), "utf8");

let postgres: Promise<string | undefined> | undefined;

/** True when the provider can be tested here; skips the test (with the reason) when PostgreSQL is down. */
async function available(t: TestContext, provider: Provider): Promise<boolean> {
  if (provider === "sqlite") return true;
  const reason = await (postgres ??= postgresUnreachable());
  if (reason) t.skip(`PostgreSQL not reachable at ${testDatabaseUrl()}: ${reason}`);
  return !reason;
}

test("prisma/postgresql/schema.prisma is generated from prisma/sqlite/schema.prisma", () => {
  assert.ok(read(POSTGRES_SCHEMA) === postgresSchemaFrom(read(SQLITE_SCHEMA)), "the two schemas drifted: run npm run db:author");
});

for (const provider of ["sqlite", "postgresql"] as const) {
  test(`${provider}: the committed migrations match the schema`, async (t) => {
    if (!(await available(t, provider))) return;
    const sql = await authorMigrationSql(provider);
    assert.ok(
      isEmptyMigration(sql),
      `prisma/${provider}/migrations do not reach prisma/${provider}/schema.prisma: run npm run db:author -- <name>. Missing:\n${sql}`,
    );
  });

  // The app applies migrations with its own runner, not the engine: it must reach the same database.
  test(`${provider}: lib/db/migrate.ts applies them to exactly the schema, recorded as Prisma would`, async (t) => {
    if (!(await available(t, provider))) return;
    await withSchemaEngine(provider, async (engine, url) => {
      assert.ok((await migrate(url)).length > 0, "no migration was applied");
      const filters = { externalTables: [], externalEnums: [] };
      const history = await engine.diagnoseMigrationHistory({
        migrationsList: migrationList(provider),
        optInToShadowDatabase: false,
        filters,
      });
      assert.deepEqual(
        { edited: history.editedMigrationNames, failed: history.failedMigrationNames, history: history.history },
        { edited: [], failed: [], history: null },
      );
      const files = [{ path: schemaPath(provider), content: fs.readFileSync(schemaPath(provider), "utf8") }];
      const diff = await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: projectRoot() },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: true,
        filters,
      });
      assert.ok(isEmptyMigration(diff.stdout ?? ""), `the migrated database differs from the schema:\n${diff.stdout}`);
    });
  });
}
