// Two concurrent creates of the same unique value: exactly one 201 and one 409 with the field's
// message from the error mapper's table, never a 500, on SQLite and PostgreSQL.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedUser, uniqueEmail } from "../helpers/fixtures.ts";
import { generateKey } from "../../lib/auth/keys.ts";

let app: TestApp;
let admin: Record<string, string>;

const conflict = (field: string, message: string) => ({ detail: "Conflict.", errors: { [field]: [message] } });

/** Sends the same request `n` times at once and returns the responses sorted by status. */
async function race(n: number, send: () => Promise<{ status: number; body: unknown; text: string }>) {
  const results = await Promise.all(Array.from({ length: n }, send));
  return results.sort((a, b) => a.status - b.status);
}

function assertOneWinner(results: { status: number; body: unknown; text: string }[], expected: unknown) {
  assert.deepEqual(results.map((r) => r.status), [201, ...results.slice(1).map(() => 409)], results.map((r) => r.text).join("\n"));
  for (const loser of results.slice(1)) assert.deepEqual(loser.body, expected);
}

describeDb("unique values under concurrent creates", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("pages: the same slug twice at once is one 201 and one 409", async () => {
    const slug = `race-${randomBytes(4).toString("hex")}`;
    const results = await race(2, () => app.call("POST", "/api/v1/pages", { headers: admin, json: { title: "Race", slug } }));
    assertOneWinner(results, conflict("slug", "A page with this slug already exists."));
  });

  test("subscribers: the same e-mail twice at once is one 201 and one 409", async () => {
    const email = uniqueEmail("race");
    const results = await race(2, () => app.call("POST", "/api/v1/subscribers", { headers: admin, json: { email } }));
    assertOneWinner(results, conflict("email", "A subscriber with this e-mail already exists."));
  });

  test("users: the same e-mail twice at once is one 201 and one 409", async () => {
    const email = uniqueEmail("race");
    const results = await race(2, () => app.call("POST", "/api/v1/users", { headers: admin, json: { email, role: "Viewer" } }));
    assertOneWinner(results, conflict("email", "A user with this e-mail already exists."));
  });

  test("roles: the same name (any case) twice at once is one 201 and one 409", async () => {
    const name = `Race ${randomBytes(4).toString("hex")}`;
    let n = 0;
    const results = await race(2, () => app.call("POST", "/api/v1/roles", { headers: admin, json: { name: n++ % 2 ? name.toUpperCase() : name } }));
    assertOneWinner(results, conflict("name", "A role with this name already exists."));
  });

  test("tokens: the same supplied key twice at once is one 201 and one 409 on the key", async () => {
    const user = await seedUser();
    const key = generateKey();
    const results = await race(2, () => app.call("POST", "/api/v1/tokens", { headers: basic(user.email, user.password), json: { key } }));
    assertOneWinner(results, conflict("key", "A token with this key already exists."));
  });

  test("a taken value one after the other gets the same 409 as the race", async () => {
    const email = uniqueEmail("seq");
    assert.equal((await app.call("POST", "/api/v1/users", { headers: admin, json: { email, role: "Viewer" } })).status, 201);
    const again = await app.call("POST", "/api/v1/users", { headers: admin, json: { email: email.toUpperCase(), role: "Viewer" } });
    assert.deepEqual([again.status, again.body], [409, conflict("email", "A user with this e-mail already exists.")]);
  });
});
