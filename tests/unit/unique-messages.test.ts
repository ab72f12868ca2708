// One table of unique-constraint messages per model field: the error mapper names the field the API
// knows and the message for that model, on SQLite (columns) and PostgreSQL (index names) alike.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mapError } from "../../lib/api/map-error.ts";

const sqlite = (modelName: string, fields: string[]) => ({ code: "P2002", meta: { modelName, driverAdapterError: { cause: { constraint: { fields } } } } });
const pg = (modelName: string, index: string) => ({ code: "P2002", meta: { modelName, driverAdapterError: { cause: { constraint: { index } } } } });

const CASES: [string, string, string, string, string][] = [
  // model, SQLite column, PostgreSQL index, API field, message
  ["Page", "slug", "pages_slug_key", "slug", "A page with this slug already exists."],
  ["User", "email", "users_email_key", "email", "A user with this e-mail already exists."],
  ["Subscriber", "email", "subscribers_email_key", "email", "A subscriber with this e-mail already exists."],
  ["Role", "name", "roles_name_key", "name", "A role with this name already exists."],
  ["Role", "name_lower", "roles_name_lower_key", "name", "A role with this name already exists."],
  ["ApiToken", "digest", "api_tokens_digest_key", "key", "A token with this key already exists."],
  ["ApiToken", "previous_digest", "api_tokens_previous_digest_key", "key", "A token with this key already exists."],
];

test("a unique violation is a 409 naming the model's own field and message, on both databases", () => {
  for (const [model, column, index, field, message] of CASES) {
    for (const err of [sqlite(model, [column]), pg(model, index)]) {
      const mapped = mapError(err);
      assert.deepEqual([mapped.status, mapped.detail, mapped.extra], [409, "Conflict.", { errors: { [field]: [message] } }], `${model}.${column}`);
    }
  }
});

test("the same column name on two models keeps each model's message (no generic 'object')", () => {
  const user = mapError(sqlite("User", ["email"]));
  const subscriber = mapError(sqlite("Subscriber", ["email"]));
  assert.notDeepEqual(user.extra, subscriber.extra);
  for (const m of [user, subscriber]) assert.ok(!JSON.stringify(m.extra).includes("An object"), JSON.stringify(m.extra));
});

test("a column the table does not know is still a 409 on that field, never a 500", () => {
  const mapped = mapError(sqlite("Menu", ["name_lower"]));
  assert.deepEqual([mapped.status, mapped.extra], [409, { errors: { name: ["This value is already taken."] } }]);
});
