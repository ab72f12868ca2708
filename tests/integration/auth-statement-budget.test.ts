// The authenticated paths' SQL budget per request (issue 13): a token, its user and their role in one
// statement; a user and their role in one; a cached Basic credential revalidated with one; a bad
// checksum with none. And the one-statement lookups read exactly what the Prisma selects beside them read.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { basic, describeDb, testApp, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";
import { watchRequest } from "../../lib/db/outage.ts";
import { digestKey, generateKey } from "../../lib/auth/keys.ts";
import { userSelect } from "../../lib/auth/principal.ts";
import { findPublicRolePermissions, findTokenByDigest, findUserById, tokenLookupSelect } from "../../lib/auth/lookups.ts";

let app: TestApp;

/** The status and the SQL statements one request sent (after one warm-up request: last_used_at, caches). */
async function statements(method: string, path: string, headers: Record<string, string>, json?: unknown): Promise<{ status: number; statements: number }> {
  await app.call(method, path, { headers, json });
  const signal = { databaseUnavailable: false, statements: 0 };
  const res = await watchRequest(signal, () => app.call(method, path, { headers, json }));
  return { status: res.status, statements: signal.statements };
}

describeDb("authentication statement budget", () => {
  before(async () => {
    app = await testApp();
  });

  test("anonymous: the shared public copy costs one statement (the access-state version); a miss, settings and the public role in one, then the page's two", async () => {
    assert.deepEqual(await statements("GET", "/api/v1/components", {}), { status: 200, statements: 1 });
    // A query string of its own is a cache miss: the whole path.
    const signal = { databaseUnavailable: false, statements: 0 };
    const res = await watchRequest(signal, () => app.call("GET", "/api/v1/components?limit=7", {}));
    assert.equal(res.status, 200);
    assert.ok(signal.statements >= 3 && signal.statements <= 4, `a miss took ${signal.statements} statements`);
  });

  test("the public role's permissions: none without a public role, and a changed role applies on the next request", async () => {
    const { setPublicRole } = await import("../helpers/fixtures.ts");
    try {
      await setPublicRole(null);
      assert.equal(await findPublicRolePermissions(), null);
      assert.equal((await app.call("GET", "/api/v1/components")).status, 401);
      await setPublicRole("Viewer");
      assert.equal(await findPublicRolePermissions(), (await db.role.findUniqueOrThrow({ where: { nameLower: "viewer" } })).permissions);
      assert.equal((await app.call("GET", "/api/v1/components")).status, 200);
    } finally {
      await setPublicRole("Public");
    }
  });

  test("a token on user/self costs one statement (token + user + role joined)", async () => {
    assert.deepEqual(await statements("GET", "/api/v1/user/self", { Authorization: `Bearer ${app.adminToken}` }), { status: 200, statements: 1 });
  });

  test("a token on the components list: one for the credential, two for the page (count and rows)", async () => {
    assert.deepEqual(await statements("GET", "/api/v1/components", { "X-Api-Key": app.adminToken }), { status: 200, statements: 3 });
  });

  test("a cached Basic credential is revalidated with one statement", async () => {
    const user = await seedUser();
    assert.deepEqual(await statements("GET", "/api/v1/user/self", basic(user.email, user.password)), { status: 200, statements: 1 });
  });

  test("an unknown key with a valid checksum costs one read; a bad checksum none", async () => {
    assert.deepEqual(await statements("GET", "/api/v1/components", { "X-Api-Key": generateKey() }), { status: 401, statements: 1 });
    assert.deepEqual(await statements("GET", "/api/v1/components", { "X-Api-Key": "bcn_" + "A".repeat(36) }), { status: 401, statements: 0 });
  });

  test("the joined token lookup reads what the Prisma select reads, for current and pre-refresh digests", async () => {
    const user = await seedUser({ role: "Viewer" });
    const plain = await seedToken(user.id);
    const limited = await seedToken(user.id, {
      description: "limited",
      expiresAt: new Date(Date.now() + 86_400_000),
      writeEnabled: false,
      allowedIps: ["10.0.0.0/8", "2001:db8::/32"],
      scopes: ["components:read"],
    });
    await db.apiToken.update({ where: { id: limited.id }, data: { previousDigest: digestKey(`old-${limited.key}`), previousExpiresAt: new Date(Date.now() + 60_000), lastUsedAt: new Date() } });
    await db.apiToken.update({ where: { id: plain.id }, data: { enabled: false } });
    for (const digest of [digestKey(plain.key), digestKey(limited.key), digestKey(`old-${limited.key}`)]) {
      const viaPrisma = await db.apiToken.findFirst({ where: { OR: [{ digest }, { previousDigest: digest }] }, select: tokenLookupSelect });
      assert.ok(viaPrisma);
      assert.deepEqual(await findTokenByDigest(digest), viaPrisma);
    }
    assert.equal(await findTokenByDigest(digestKey(generateKey())), null);
  });

  test("the joined user lookup reads what the Prisma select reads", async () => {
    const active = await seedUser({ role: "Editor" });
    const inactive = await seedUser({ role: "Viewer", active: false, canManageTokens: false });
    for (const { id } of [active, inactive]) {
      assert.deepEqual(await findUserById(id), await db.user.findUnique({ where: { id }, select: userSelect }));
    }
    assert.equal(await findUserById(999_999_999), null);
  });
});
