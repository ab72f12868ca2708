// lib/db.ts imports the client of the database in use on first use: queries issued before it is
// loaded wait for it, lazily like Prisma's own (a batch transaction of them works), and getDb() says
// plainly when it is asked for a client not loaded yet.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

let database: TestDatabase;

describeDb("the database client, loaded on first use", () => {
  before(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    const { migrate } = await import("../../lib/db/migrate.ts");
    await migrate();
  });
  after(async () => {
    const { disconnectDb } = await import("../../lib/db.ts");
    await disconnectDb();
    await database.drop();
  });

  test("queries before the load wait for it; batch and interactive transactions and raw queries work; getDb() needs loadDb()", async () => {
    const { db, getDb, loadDb } = await import("../../lib/db.ts");
    assert.throws(() => getDb(), /database client is not loaded yet: await loadDb\(\) first/);
    // Issued before anything is loaded: deferred, and lazy (nothing runs until awaited).
    const notAwaited = db.componentGroup.create({ data: { name: "never", nameLower: "never" } });
    const [created, count] = await db.$transaction([
      db.componentGroup.create({ data: { name: "Batch", nameLower: "batch" } }),
      db.componentGroup.count(),
    ]);
    assert.equal(created.name, "Batch");
    assert.equal(count, 1, "the batch ran in order, and the query never awaited did not run");
    const inside = await db.$transaction(async (tx) => {
      await tx.componentGroup.create({ data: { name: "Interactive", nameLower: "interactive" } });
      return tx.componentGroup.count();
    });
    assert.equal(inside, 2);
    const rows = await db.$queryRaw<{ one: number | bigint }[]>`SELECT 1 AS one`;
    assert.equal(Number(rows[0].one), 1);
    // Loaded now: the same client everywhere.
    assert.equal(await loadDb(), getDb());
    assert.deepEqual((await db.componentGroup.findMany({ select: { name: true }, orderBy: { id: "asc" } })).map((g) => g.name), ["Batch", "Interactive"]);
    void notAwaited;
  });
});
