// /api/v1/users: team members, their first token, the session/lockout rules, and who may do what.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { roleId, seedRole, seedToken, seedUser, uniqueEmail } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";
import { ApiError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/auth/principal.ts";
import { ALL_PERMISSIONS } from "../../lib/auth/permissions.ts";
import { deleteUser, updateUser } from "../../lib/users/index.ts";
import { UserCreatedOut, UserOut } from "../../lib/validation/users.ts";

let app: TestApp;
let admin: Record<string, string>;
/** The admin signed in with a password: a token may not set passwords or reactivate users (issue 9 item 8). */
let adminBasic: Record<string, string>;

const FORBIDDEN = { detail: "You do not have permission to perform this action." };
const READ_ONLY = { detail: "This token does not permit write operations." };
const NOT_PROVIDED = { detail: "Authentication credentials were not provided." };

async function member(role: string, options: { writeEnabled?: boolean } = {}) {
  const user = await seedUser({ role });
  const { key } = await seedToken(user.id, options);
  return { ...user, key, headers: tokenHeader(key) };
}

async function sessionVersion(id: number) {
  return (await db.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;
}

function assertNoSecrets(text: string, password?: string) {
  assert.ok(!/password/i.test(text), `no password field in ${text}`);
  assert.ok(!text.includes("$argon2"), "no hash");
  if (password) assert.ok(!text.includes(password), "no password value");
}

describeDb("users API", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
    adminBasic = basic(app.adminEmail, app.adminPassword);
  });

  test("create: 201 with the user's public fields, e-mail lower-cased, the role by name (any case), the password usable and never shown", async () => {
    const email = uniqueEmail("Alice").toUpperCase();
    const password = "a long enough password";
    const res = await app.call("POST", "/api/v1/users", { headers: adminBasic, json: { email: ` ${email} `, name: "Alice A", role: "eDiToR", password } });
    assert.equal(res.status, 201, res.text);
    UserOut.strict().parse(res.body);
    assert.equal(res.body.email, email.toLowerCase());
    assert.equal(res.body.name, "Alice A");
    assert.equal(res.body.role, "Editor");
    assert.equal(res.body.role_id, await roleId("Editor"));
    assert.equal(res.body.active, true);
    assert.equal(res.body.can_manage_tokens, true);
    assert.equal(res.body.token, undefined);
    assertNoSecrets(res.text, password);

    const stored = await db.user.findUniqueOrThrow({ where: { id: res.body.id }, omit: { passwordHash: false } });
    assert.match(stored.passwordHash, /^\$argon2id\$/);
    const self = await app.call("GET", "/api/v1/user/self", { headers: basic(email, password) });
    assert.equal(self.status, 200);
    assert.equal(self.body.user.id, res.body.id);

    const got = await app.call("GET", `/api/v1/users/${res.body.id}/`, { headers: admin });
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, res.body);
    assertNoSecrets(got.text, password);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.create", targetId: String(res.body.id) } });
    assert.equal(audit.subjectId, res.body.id);
    assert.equal(audit.actorLabel, app.adminEmail);
    assert.ok(!audit.detail.includes(password));
  });

  test("create: role_id works; an unknown role, an unknown role_id, a missing role, or both disagreeing are 400s", async () => {
    const viewer = await roleId("Viewer");
    const ok = await app.call("POST", "/api/v1/users", { headers: admin, json: { email: uniqueEmail(), role_id: viewer } });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.role, "Viewer");
    const same = await app.call("POST", "/api/v1/users", { headers: admin, json: { email: uniqueEmail(), role_id: viewer, role: "viewer" } });
    assert.equal(same.status, 201);

    const cases: [object, string][] = [
      [{ role: "Wizard" }, "role"],
      [{ role_id: 999999 }, "role_id"],
      [{}, "role"],
      [{ role_id: viewer, role: "Editor" }, "role"],
    ];
    for (const [json, field] of cases) {
      const res = await app.call("POST", "/api/v1/users", { headers: admin, json: { email: uniqueEmail(), ...json } });
      assert.equal(res.status, 400, JSON.stringify(json));
      assert.equal(res.body.detail, "Validation failed.");
      assert.deepEqual(Object.keys(res.body.errors), [field], JSON.stringify(res.body));
    }
  });

  test("create: validation classes (unknown field, bad e-mail, short or huge password, read-only fields)", async () => {
    const cases: [object, string][] = [
      [{ email: uniqueEmail(), role: "Viewer", is_superuser: true }, "is_superuser"],
      [{ email: "not-an-email", role: "Viewer" }, "email"],
      [{ role: "Viewer" }, "email"],
      [{ email: uniqueEmail(), role: "Viewer", password: "short" }, "password"],
      [{ email: uniqueEmail(), role: "Viewer", password: "x".repeat(1025) }, "password"],
      [{ email: uniqueEmail(), role: "Viewer", password_hash: "$argon2id$..." }, "password_hash"],
      [{ email: uniqueEmail(), role: "Viewer", id: 5 }, "id"],
      [{ email: uniqueEmail(), role: "Viewer", active: "yes" }, "active"],
      [{ email: uniqueEmail(), role: "Viewer", token_description: "ci" }, "token_description"],
    ];
    for (const [json, field] of cases) {
      const res = await app.call("POST", "/api/v1/users", { headers: admin, json });
      assert.equal(res.status, 400, JSON.stringify(json));
      assert.equal(res.body.detail, "Validation failed.");
      assert.ok(res.body.errors[field], `${field} in ${res.text}`);
      assert.ok(!res.text.includes("x".repeat(100)), "the password is not echoed");
    }
    const short = await app.call("POST", "/api/v1/users", { headers: admin, json: { email: uniqueEmail(), role: "Viewer", password: "short" } });
    assert.deepEqual(short.body.errors.password, ["Ensure this field has at least 8 characters."]);
    const unknown = await app.call("POST", "/api/v1/users", { headers: admin, json: { email: uniqueEmail(), role: "Viewer", extra: 1 } });
    assert.deepEqual(unknown.body.errors, { extra: ["Unknown field."] });
  });

  test("create: an e-mail already taken (any case) is a 409", async () => {
    const existing = await seedUser({ role: "Viewer" });
    const res = await app.call("POST", "/api/v1/users", { headers: admin, json: { email: existing.email.toUpperCase(), role: "Viewer" } });
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, { detail: "Conflict.", errors: { email: ["A user with this e-mail already exists."] } });
  });

  test("create without a password: the account has no usable password", async () => {
    const email = uniqueEmail("nopw");
    const res = await app.call("POST", "/api/v1/users", { headers: admin, json: { email, role: "Viewer" } });
    assert.equal(res.status, 201);
    const stored = await db.user.findUniqueOrThrow({ where: { id: res.body.id }, omit: { passwordHash: false } });
    assert.match(stored.passwordHash, /^\$argon2id\$/);
    for (const guess of ["", "password", "undefined", "null"]) {
      const attempt = await app.call("GET", "/api/v1/user/self", { headers: basic(email, guess), ip: "198.51.100.77" });
      assert.equal(attempt.status, 401);
    }
  });

  test("create with create_token: the response carries the first token and its key, once; the key works", async () => {
    const email = uniqueEmail("bot");
    const res = await app.call("POST", "/api/v1/users", {
      headers: admin,
      json: { email, name: "Deploy bot", role: "Editor", create_token: true, token_description: "CI deploys" },
    });
    assert.equal(res.status, 201, res.text);
    UserCreatedOut.strict().parse(res.body);
    const { token } = res.body;
    assert.match(token.key, /^bcn_[0-9A-Za-z]{36}$/);
    assert.equal(token.description, "CI deploys");
    assert.equal(token.write_enabled, true);
    assert.deepEqual(token.user, { id: res.body.id, email, name: "Deploy bot" });

    const self = await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(token.key) });
    assert.equal(self.status, 200);
    assert.equal(self.body.user.email, email);
    assert.equal(self.body.authentication, "token");
    assert.ok(!self.text.includes(token.key));
    const write = await app.call("POST", "/api/v1/components", { headers: tokenHeader(token.key), json: { name: "By the bot" } });
    assert.equal(write.status, 201);

    for (const path of [`/api/v1/users/${res.body.id}`, "/api/v1/users?limit=1000"]) {
      const again = await app.call("GET", path, { headers: admin });
      assert.equal(again.status, 200);
      assert.ok(!again.text.includes(token.key), "the key is never readable again");
    }
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id }, omit: { digest: false } });
    assert.notEqual(row.digest, token.key);
    assert.equal(row.createdById, (await db.user.findUniqueOrThrow({ where: { email: app.adminEmail } })).id);

    const events = await db.auditEvent.findMany({ where: { subjectId: res.body.id }, orderBy: { id: "asc" } });
    assert.deepEqual(events.map((e) => e.action), ["user.create", "token.create"]);
    assert.equal(events[1].targetId, String(token.id));
    for (const e of events) assert.ok(!e.detail.includes(token.key));
  });

  test("create_token with token_write_enabled false makes a read-only first token", async () => {
    const res = await app.call("POST", "/api/v1/users", {
      headers: admin,
      json: { email: uniqueEmail("reader-bot"), role: "Editor", create_token: true, token_write_enabled: false },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.token.write_enabled, false);
    const headers = tokenHeader(res.body.token.key);
    assert.equal((await app.call("GET", "/api/v1/components", { headers })).status, 200);
    assert.deepEqual((await app.call("POST", "/api/v1/components", { headers, json: { name: "x" } })).body, READ_ONLY);
  });

  test("list: filters q, role_id, role and active; ordering; pagination", async () => {
    const tag = `zq${Date.now().toString(36)}`;
    const a = await app.call("POST", "/api/v1/users", { headers: admin, json: { email: `${tag}-b@example.com`, name: "Bea", role: "Viewer" } });
    const b = await app.call("POST", "/api/v1/users", { headers: admin, json: { email: `${tag}-a@example.com`, name: `Alf ${tag.toUpperCase()}`, role: "Editor", active: false } });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);

    const all = await app.call("GET", `/api/v1/users?q=${tag.toUpperCase()}`, { headers: admin });
    assert.equal(all.status, 200);
    assert.equal(all.body.count, 2);
    assert.deepEqual(all.body.results.map((u: { id: number }) => u.id), [a.body.id, b.body.id]);
    for (const u of all.body.results) UserOut.strict().parse(u);
    assertNoSecrets(all.text);

    const byEmail = await app.call("GET", `/api/v1/users?q=${tag}&ordering=email`, { headers: admin });
    assert.deepEqual(byEmail.body.results.map((u: { id: number }) => u.id), [b.body.id, a.body.id]);
    const byNameDesc = await app.call("GET", `/api/v1/users?q=${tag}&ordering=-name`, { headers: admin });
    assert.deepEqual(byNameDesc.body.results.map((u: { id: number }) => u.id), [a.body.id, b.body.id]);
    const inactive = await app.call("GET", `/api/v1/users?q=${tag}&active=false`, { headers: admin });
    assert.deepEqual(inactive.body.results.map((u: { id: number }) => u.id), [b.body.id]);
    const editors = await app.call("GET", `/api/v1/users?q=${tag}&role_id=${await roleId("Editor")}`, { headers: admin });
    assert.deepEqual(editors.body.results.map((u: { id: number }) => u.id), [b.body.id]);
    const viewers = await app.call("GET", `/api/v1/users?q=${tag}&role=viewer`, { headers: admin });
    assert.deepEqual(viewers.body.results.map((u: { id: number }) => u.id), [a.body.id]);
    const paged = await app.call("GET", `/api/v1/users?q=${tag}&limit=1`, { headers: admin });
    assert.equal(paged.body.results.length, 1);
    assert.match(paged.body.next, /offset=1/);

    const bad = await app.call("GET", "/api/v1/users?ordering=password", { headers: admin });
    assert.equal(bad.status, 400);
    assert.ok(bad.body.errors.ordering);
    assert.equal((await app.call("GET", "/api/v1/users?active=maybe", { headers: admin })).status, 400);
  });

  test("unknown or malformed ids are 404", async () => {
    for (const path of ["/api/v1/users/999999", "/api/v1/users/abc", "/api/v1/users/0"]) {
      const res = await app.call("GET", path, { headers: admin });
      assert.deepEqual([res.status, res.body], [404, { detail: "Not found." }], path);
    }
    const patch = await app.call("PATCH", "/api/v1/users/999999", { headers: admin, json: { name: "x" } });
    assert.equal(patch.status, 404);
    const del = await app.call("DELETE", "/api/v1/users/999999", { headers: admin });
    assert.equal(del.status, 404);
  });

  test("permissions: anonymous 401, Viewer/Editor 403, a read-only admin token reads only, Admin does everything", async () => {
    const target = await seedUser({ role: "Viewer" });
    const anon = [
      await app.call("GET", "/api/v1/users"),
      await app.call("GET", `/api/v1/users/${target.id}`),
      await app.call("POST", "/api/v1/users", { json: { email: uniqueEmail(), role: "Viewer" } }),
      await app.call("PATCH", `/api/v1/users/${target.id}`, { json: { name: "x" } }),
      await app.call("DELETE", `/api/v1/users/${target.id}`),
    ];
    for (const res of anon) assert.deepEqual([res.status, res.body], [401, NOT_PROVIDED]);

    for (const role of ["Viewer", "Editor"]) {
      const { headers } = await member(role);
      for (const [method, path, json] of [
        ["GET", "/api/v1/users", undefined],
        ["GET", `/api/v1/users/${target.id}`, undefined],
        ["POST", "/api/v1/users", { email: uniqueEmail(), role: "Admin" }],
        ["PATCH", `/api/v1/users/${target.id}`, { role: "Admin" }],
        ["PUT", `/api/v1/users/${target.id}`, { email: target.email, role: "Admin" }],
        ["DELETE", `/api/v1/users/${target.id}`, undefined],
      ] as const) {
        const res = await app.call(method, path, { headers, json });
        assert.deepEqual([res.status, res.body], [403, FORBIDDEN], `${role} ${method} ${path}`);
      }
    }

    const readOnlyAdmin = await member("Admin", { writeEnabled: false });
    assert.equal((await app.call("GET", "/api/v1/users", { headers: readOnlyAdmin.headers })).status, 200);
    assert.equal((await app.call("GET", `/api/v1/users/${target.id}`, { headers: readOnlyAdmin.headers })).status, 200);
    for (const [method, path, json] of [
      ["POST", "/api/v1/users", { email: uniqueEmail(), role: "Viewer" }],
      ["PATCH", `/api/v1/users/${target.id}`, { name: "x" }],
      ["PUT", `/api/v1/users/${target.id}`, { email: target.email, role: "Viewer" }],
      ["DELETE", `/api/v1/users/${target.id}`, undefined],
    ] as const) {
      const res = await app.call(method, path, { headers: readOnlyAdmin.headers, json });
      assert.deepEqual([res.status, res.body], [403, READ_ONLY], `${method} ${path}`);
    }
    assert.equal((await db.user.findUniqueOrThrow({ where: { id: target.id } })).name, target.email.split("@")[0]);

    const basicAdmin = await seedUser({ role: "Admin" });
    const res = await app.call("PATCH", `/api/v1/users/${target.id}`, { headers: basic(basicAdmin.email, basicAdmin.password), json: { name: "Renamed" } });
    assert.equal(res.status, 200);
    assert.equal(res.body.name, "Renamed");
  });

  test("PATCH: a new password, a new role or a deactivation end browser sessions; a rename does not", async () => {
    const user = await seedUser({ role: "Viewer" });
    let version = await sessionVersion(user.id);

    const rename = await app.call("PATCH", `/api/v1/users/${user.id}`, { headers: admin, json: { name: "New Name", can_manage_tokens: false } });
    assert.equal(rename.status, 200);
    assert.equal(rename.body.name, "New Name");
    assert.equal(rename.body.can_manage_tokens, false);
    assert.equal(await sessionVersion(user.id), version);

    const password = "a brand new password";
    const pw = await app.call("PATCH", `/api/v1/users/${user.id}`, { headers: adminBasic, json: { password } });
    assert.equal(pw.status, 200);
    assertNoSecrets(pw.text, password);
    assert.equal(await sessionVersion(user.id), ++version);
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: basic(user.email, password) })).status, 200);
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: basic(user.email, user.password), ip: "198.51.100.78" })).status, 401);

    const same = await app.call("PATCH", `/api/v1/users/${user.id}`, { headers: admin, json: { role: "Viewer" } });
    assert.equal(same.status, 200);
    assert.equal(await sessionVersion(user.id), version, "the same role is no change");
    const promoted = await app.call("PATCH", `/api/v1/users/${user.id}`, { headers: admin, json: { role: "Editor" } });
    assert.equal(promoted.body.role, "Editor");
    assert.equal(await sessionVersion(user.id), ++version);

    const off = await app.call("PATCH", `/api/v1/users/${user.id}`, { headers: admin, json: { active: false } });
    assert.equal(off.body.active, false);
    assert.equal(await sessionVersion(user.id), ++version);

    const events = await db.auditEvent.findMany({ where: { action: "user.update", subjectId: user.id } });
    assert.equal(events.length, 5);
    for (const e of events) assert.ok(!e.detail.includes(password) && !e.detail.includes("$argon2"));
    assert.ok(events.some((e) => JSON.parse(e.detail).changes.password === "changed"));
  });

  test("deactivating a user makes their token fail with `User inactive or deleted.` on the next request; reactivating restores it", async () => {
    const user = await member("Editor");
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: user.headers })).status, 200);
    assert.equal((await app.call("PATCH", `/api/v1/users/${user.id}`, { headers: admin, json: { active: false } })).status, 200);
    const res = await app.call("GET", "/api/v1/components", { headers: user.headers });
    assert.deepEqual([res.status, res.body], [401, { detail: "User inactive or deleted." }]);
    assert.equal((await app.call("PATCH", `/api/v1/users/${user.id}`, { headers: adminBasic, json: { active: true } })).status, 200);
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: user.headers })).status, 200);
  });

  test("a role change applies on the user's very next request", async () => {
    const user = await member("Viewer");
    assert.deepEqual((await app.call("POST", "/api/v1/components", { headers: user.headers, json: { name: "x" } })).body, FORBIDDEN);
    await app.call("PATCH", `/api/v1/users/${user.id}`, { headers: admin, json: { role_id: await roleId("Editor") } });
    assert.equal((await app.call("POST", "/api/v1/components", { headers: user.headers, json: { name: "x" } })).status, 201);
  });

  test("PATCH validation: e-mail taken is a 409, bad values and unknown fields 400", async () => {
    const a = await seedUser({ role: "Viewer" });
    const b = await seedUser({ role: "Viewer" });
    const taken = await app.call("PATCH", `/api/v1/users/${a.id}`, { headers: admin, json: { email: b.email.toUpperCase() } });
    assert.deepEqual([taken.status, taken.body], [409, { detail: "Conflict.", errors: { email: ["A user with this e-mail already exists."] } }]);
    const own = await app.call("PATCH", `/api/v1/users/${a.id}`, { headers: admin, json: { email: a.email.toUpperCase() } });
    assert.equal(own.status, 200, "keeping one's own e-mail is no conflict");
    for (const [json, field] of [
      [{ password: "1234567" }, "password"],
      [{ email: "nope" }, "email"],
      [{ role: "Nobody" }, "role"],
      [{ create_token: true }, "create_token"],
      [{ sessionVersion: 0 }, "sessionVersion"],
    ] as const) {
      const res = await app.call("PATCH", `/api/v1/users/${a.id}`, { headers: admin, json });
      assert.equal(res.status, 400, JSON.stringify(json));
      assert.ok(res.body.errors[field], res.text);
    }
  });

  test("PUT replaces the whole user (a missing password is kept) and requires e-mail and role", async () => {
    const user = await seedUser({ role: "Viewer" });
    await db.user.update({ where: { id: user.id }, data: { active: false, canManageTokens: false } });
    const res = await app.call("PUT", `/api/v1/users/${user.id}`, { headers: adminBasic, json: { email: user.email, role: "Editor" } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      { name: res.body.name, role: res.body.role, active: res.body.active, can_manage_tokens: res.body.can_manage_tokens },
      { name: "", role: "Editor", active: true, can_manage_tokens: true },
    );
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: basic(user.email, user.password) })).status, 200);
    const missing = await app.call("PUT", `/api/v1/users/${user.id}`, { headers: admin, json: { name: "x" } });
    assert.equal(missing.status, 400);
    assert.ok(missing.body.errors.email);
  });

  test("self-lockout: an admin cannot deactivate, demote or delete themselves, but may edit the rest", async () => {
    const me = await member("Admin");
    const self = `/api/v1/users/${me.id}`;
    const deactivate = await app.call("PATCH", self, { headers: me.headers, json: { active: false } });
    assert.deepEqual([deactivate.status, deactivate.body], [400, { detail: "You cannot deactivate your own account." }]);
    for (const json of [{ role: "Editor" }, { role_id: await roleId("Viewer") }]) {
      const demote = await app.call("PATCH", self, { headers: me.headers, json });
      assert.equal(demote.status, 400);
      assert.match(demote.body.detail, /^You cannot move yourself to a role without users:write/);
    }
    const put = await app.call("PUT", self, { headers: me.headers, json: { email: me.email, role: "Editor" } });
    assert.equal(put.status, 400);
    const del = await app.call("DELETE", self, { headers: me.headers });
    assert.deepEqual([del.status, del.body], [400, { detail: "You cannot delete your own account." }]);

    const stored = await db.user.findUniqueOrThrow({ where: { id: me.id }, include: { role: true } });
    assert.equal(stored.active, true);
    assert.equal(stored.role.name, "Admin");

    const rename = await app.call("PATCH", self, { headers: me.headers, json: { name: "Still me" } });
    assert.equal(rename.status, 200);
    const password = await app.call("PATCH", self, { headers: basic(me.email, me.password), json: { password: "my new password" } });
    assert.equal(password.status, 200);
    const managers = await seedRole(`Team managers ${me.id}`, ["users:read", "users:write"]);
    const sideways = await app.call("PATCH", self, { headers: me.headers, json: { role_id: managers } });
    assert.equal(sideways.status, 200, "a role that keeps users:write is fine");
    assert.equal((await app.call("GET", "/api/v1/users", { headers: me.headers })).status, 200);
  });

  test("the last active user holding users:write can be neither deactivated, demoted nor deleted", async () => {
    const last = await seedUser({ role: "Admin" });
    // Everybody else who could manage the team is taken out of the picture (and put back afterwards).
    const managerRoles = (await db.role.findMany()).filter((r) => JSON.parse(r.permissions).includes("users:write")).map((r) => r.id);
    const others = await db.user.findMany({ where: { active: true, roleId: { in: managerRoles }, id: { not: last.id } }, select: { id: true } });
    // The request of an Admin whose own account went away since it authenticated.
    const adminRole = { id: await roleId("Admin"), name: "Admin", permissions: [...ALL_PERMISSIONS] };
    const ghost = await seedUser({ role: "Admin", active: false });
    const gone = { id: ghost.id, email: ghost.email, name: "Gone", active: true, canManageTokens: true, role: adminRole };
    const stale: Principal = { user: gone, method: "basic", token: null, permissions: new Set(ALL_PERMISSIONS), ip: "192.0.2.1" };
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: false } });
    try {
      const lastManager = /^At least one active user must keep the users:write permission/;
      for (const input of [{ active: false }, { role: "Editor" }]) {
        await assert.rejects(updateUser(stale, last.id, input), (err: ApiError) => err.status === 400 && lastManager.test(err.detail));
      }
      await assert.rejects(deleteUser(stale, last.id), (err: ApiError) => err.status === 400 && lastManager.test(err.detail));
      const unchanged = await db.user.findUniqueOrThrow({ where: { id: last.id } });
      assert.equal(unchanged.active, true);
      const renamed = await updateUser(stale, last.id, { name: "Last one" });
      assert.equal(renamed.name, "Last one");

      // Two admins deactivating each other at the same moment: exactly one of them wins.
      const twin = await seedUser({ role: "Admin" });
      const [lastKey, twinKey] = [(await seedToken(last.id)).key, (await seedToken(twin.id)).key];
      const results = await Promise.all([
        app.call("PATCH", `/api/v1/users/${twin.id}`, { headers: tokenHeader(lastKey), json: { active: false } }),
        app.call("PATCH", `/api/v1/users/${last.id}`, { headers: tokenHeader(twinKey), json: { active: false } }),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 400], results.map((r) => r.text).join(" | "));
      assert.equal(await db.user.count({ where: { id: { in: [last.id, twin.id] }, active: true } }), 1);
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: true } });
    }
    const fine = await app.call("PATCH", `/api/v1/users/${last.id}`, { headers: admin, json: { active: false } });
    assert.equal(fine.status, 200, "with another admin around it is allowed");
  });

  test("DELETE: 204, the user's tokens go with them, and the token stops working", async () => {
    const user = await member("Editor");
    await seedToken(user.id, { description: "second" });
    const res = await app.call("DELETE", `/api/v1/users/${user.id}/`, { headers: admin });
    assert.equal(res.status, 204);
    assert.equal(res.text, "");
    assert.equal(await db.apiToken.count({ where: { userId: user.id } }), 0);
    assert.equal((await app.call("GET", `/api/v1/users/${user.id}`, { headers: admin })).status, 404);
    const after = await app.call("GET", "/api/v1/user/self", { headers: user.headers });
    assert.deepEqual([after.status, after.body], [401, { detail: "Invalid token." }]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.delete", targetId: String(user.id) } });
    assert.equal(JSON.parse(audit.detail).email, user.email);
  });
});
