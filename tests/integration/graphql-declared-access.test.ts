// GraphQL fields are checked against the declaration of the REST operation they stand for (lib/operations),
// not a permission of their own: change the declaration and REST and GraphQL refuse alike.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { COMPONENTS } from "../../lib/operations/components.ts";
import { INCIDENTS } from "../../lib/operations/incidents.ts";
import type { Permission } from "../../lib/auth/permissions.ts";

let app: TestApp;

async function viewer() {
  const user = await seedUser({ role: "Viewer" });
  return tokenHeader((await seedToken(user.id)).key);
}

/** Runs `fn` with the operation declared as needing `permission`, then puts the declaration back. */
async function declaredAs<T>(op: { permission?: Permission }, permission: Permission, fn: () => Promise<T>): Promise<T> {
  const before = op.permission;
  op.permission = permission;
  try {
    return await fn();
  } finally {
    op.permission = before;
  }
}

const codes = (res: { body: { errors?: { extensions: { code: string } }[] } }) => (res.body.errors ?? []).map((e) => e.extensions.code);

describeDb("GraphQL checks the REST declarations", () => {
  before(async () => {
    app = await testApp();
  });

  test("a read field follows its list operation's declared permission", async () => {
    const headers = await viewer();
    const query = { query: "{ components { count } }" };
    const allowed = await app.call("POST", "/api/graphql", { headers, json: query });
    assert.deepEqual(codes(allowed), [], allowed.text);
    assert.equal((await app.call("GET", "/api/v1/components", { headers })).status, 200);

    await declaredAs(COMPONENTS.list, "settings:read", async () => {
      const rest = await app.call("GET", "/api/v1/components", { headers });
      assert.equal(rest.status, 403, rest.text);
      const gql = await app.call("POST", "/api/graphql", { headers, json: query });
      assert.deepEqual(codes(gql), ["FORBIDDEN"], gql.text);
      assert.deepEqual(gql.body.errors[0].path, ["components"]);
    });
  });

  test("a mutation follows its create operation's declaration (method included: a read-only token is refused)", async () => {
    const editor = await seedUser({ role: "Editor" });
    const headers = tokenHeader((await seedToken(editor.id)).key);
    const mutation = { query: 'mutation { createIncident(input: { name: "declared" }) { id } }' };
    await declaredAs(INCIDENTS.create, "users:write", async () => {
      const gql = await app.call("POST", "/api/graphql", { headers, json: mutation });
      assert.deepEqual(codes(gql), ["FORBIDDEN"], gql.text);
    });
    const ok = await app.call("POST", "/api/graphql", { headers, json: mutation });
    assert.deepEqual(codes(ok), [], ok.text);

    const readOnly = tokenHeader((await seedToken(editor.id, { writeEnabled: false })).key);
    const refused = await app.call("POST", "/api/graphql", { headers: readOnly, json: mutation });
    assert.deepEqual(refused.body.errors.map((e: { message: string }) => e.message), ["This token does not permit write operations."]);
  });
});
