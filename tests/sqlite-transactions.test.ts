// SQLite through Prisma's better-sqlite3 adapter shares one connection: a write by another request
// while an interactive transaction is open must not join that transaction (and vanish on rollback).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

test("a rolled-back transaction never takes another request's write with it", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beacon-tx-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "t.db")}`;
  const { migrate } = await import("../lib/db/migrate.ts");
  await migrate();
  const { db, disconnectDb } = await import("../lib/db.ts");
  try {
    let otherWrite: Promise<unknown> | null = null;
    await assert.rejects(
      db.$transaction(async (tx) => {
        await tx.componentGroup.create({ data: { name: "inside", nameLower: "inside" } });
        // Another request writes while this transaction is open…
        otherWrite = db.componentGroup.create({ data: { name: "outside", nameLower: "outside" } }).then((row) => row);
        await new Promise((r) => setTimeout(r, 50));
        throw new Error("roll back");
      }),
      /roll back/,
    );
    await otherWrite;
    const names = (await db.componentGroup.findMany({ select: { name: true } })).map((g) => g.name);
    assert.deepEqual(names, ["outside"], "…and its write survives the rollback");
  } finally {
    await disconnectDb();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
