// With the database unreachable, the API answers 503 with Retry-After, never a 500 or a stack trace.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";

test("database unavailable: 503 Service temporarily unavailable + Retry-After", async () => {
  process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/nothing";
  process.env.NEXTAUTH_SECRET = randomBytes(16).toString("hex");
  process.env.BEACON_TOKEN_PEPPER = randomBytes(16).toString("hex");
  const { GET } = await import("../../app/api/v1/components/route.ts");
  const original = console.error;
  console.error = () => {};
  try {
    const res = await GET(new Request("http://beacon.test/api/v1/components"), { params: Promise.resolve({}) });
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { detail: "Service temporarily unavailable." });
    assert.equal(res.headers.get("retry-after"), "5");
  } finally {
    console.error = original;
    const { disconnectDb } = await import("../../lib/db.ts");
    await disconnectDb().catch(() => {});
  }
});
