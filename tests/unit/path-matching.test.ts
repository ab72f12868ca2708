// The registry's path matcher (lib/routes matchPath), the one the test harness and the OpenAPI validator
// route with: Next's App Router precedence over the declared path templates.
import { test } from "node:test";
import assert from "node:assert/strict";
import { matchPath } from "../../lib/routes/index.ts";

test("a static segment beats a parameter: /components/groups is the groups list, not component 'groups'", () => {
  assert.deepEqual(matchPath("/api/v1/components/groups"), { template: "/api/v1/components/groups", params: {} });
  assert.deepEqual(matchPath("/api/v1/components/7"), { template: "/api/v1/components/{id}", params: { id: "7" } });
  assert.deepEqual(matchPath("/api/v1/tokens/self"), { template: "/api/v1/tokens/self", params: {} });
});

test("parameters are decoded; trailing and repeated slashes do not matter; the indexes match with or without theirs", () => {
  assert.deepEqual(matchPath("/api/v1/incidents/3/updates/a%20b/"), { template: "/api/v1/incidents/{id}/updates/{update_id}", params: { id: "3", update_id: "a b" } });
  assert.equal(matchPath("/api/v1//users/")?.template, "/api/v1/users");
  assert.equal(matchPath("/api/v1")?.template, "/api/v1/");
  assert.equal(matchPath("/api")?.template, "/api/");
});

test("undeclared paths match nothing (the catch-all 404s serve them)", () => {
  assert.equal(matchPath("/api/v1/nope"), null);
  assert.equal(matchPath("/api/v1/components/1/extra"), null);
  assert.equal(matchPath("/api/auth/session"), null);
});
