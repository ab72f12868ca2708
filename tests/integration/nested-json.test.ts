// Deeply nested JSON (issue 9 item 13): a body or GraphQL `variables` nested beyond the bound is a 400
// `JSON parse error.`, found without recursion, never a stack overflow answered as a logged 500.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { MAX_JSON_DEPTH } from "../../lib/api/body.ts";

let app: TestApp;

const arrays = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const objects = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
const JSON_HEADERS = { "Content-Type": "application/json" };

/** Runs `fn` and returns what it logged through console.error (a 500 logs its stack trace there). */
async function errorsLoggedBy<T>(fn: () => Promise<T>): Promise<{ result: T; logged: unknown[][] }> {
  const logged: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void logged.push(args);
  try {
    return { result: await fn(), logged };
  } finally {
    console.error = original;
  }
}

describeDb("deeply nested JSON", () => {
  before(async () => {
    app = await testApp();
  });

  test("unauthenticated endpoints answer 400 JSON parse error for depth 5,000 and 200,000, logging nothing", async () => {
    for (const path of ["/api/v1/tokens/revoke", "/api/v1/auth/token", "/api/graphql"]) {
      for (const body of [arrays(5000), objects(5000), `{"keys":${arrays(5000)}}`, arrays(200_000), `{"query":"{ me { email } }","variables":{"v":${objects(5000)}}}`]) {
        const { result: res, logged } = await errorsLoggedBy(() => app.call("POST", path, { headers: JSON_HEADERS, body }));
        assert.deepEqual([res.status, res.body], [400, { detail: "JSON parse error." }], `${path} ${body.slice(0, 40)}`);
        assert.deepEqual(logged, [], `${path}: nothing logged`);
      }
    }
  });

  test("an authenticated write with a deep body is the same 400", async () => {
    const res = await app.call("POST", "/api/v1/components", { headers: { ...tokenHeader(app.adminToken), ...JSON_HEADERS }, body: `{"name":"x","description":${arrays(5000)}}` });
    assert.deepEqual([res.status, res.body], [400, { detail: "JSON parse error." }]);
  });

  test("nesting up to the bound is parsed as usual (a validation error, not a parse error)", async () => {
    const atBound = `{"keys":${arrays(MAX_JSON_DEPTH - 1)}}`;
    let res = await app.call("POST", "/api/v1/tokens/revoke", { headers: JSON_HEADERS, body: atBound });
    assert.equal(res.status, 400);
    assert.equal(res.body.detail, "Validation failed.", res.text);
    res = await app.call("POST", "/api/v1/tokens/revoke", { headers: JSON_HEADERS, body: `{"keys":${arrays(MAX_JSON_DEPTH)}}` });
    assert.deepEqual([res.status, res.body], [400, { detail: "JSON parse error." }]);
    // Brackets inside strings do not count.
    res = await app.call("POST", "/api/v1/tokens/revoke", { headers: JSON_HEADERS, body: JSON.stringify({ keys: ["[".repeat(150) + '\\"{'] }) });
    assert.deepEqual([res.status, res.body], [200, { revoked: 0 }]);
  });

  test("a NUL character deep inside a body (within the bound) is still found, with its path", async () => {
    let value: unknown = "bad\u0000";
    for (let i = 0; i < 40; i++) value = { a: value };
    const res = await app.call("POST", "/api/v1/tokens/revoke", { headers: JSON_HEADERS, body: JSON.stringify({ keys: [value] }) });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors, { [["keys", "0", ...Array(40).fill("a")].join(".")]: ["Null characters are not allowed."] });
  });

  test("GraphQL over GET: deep `variables` are a 400 with errors.variables, logging nothing", async () => {
    const { result: res, logged } = await errorsLoggedBy(() =>
      app.call("GET", `/api/graphql?query=${encodeURIComponent("{ me { email } }")}&variables=${encodeURIComponent(`{"v":${arrays(5000)}}`)}`),
    );
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.detail, "Validation failed.");
    assert.deepEqual(Object.keys(res.body.errors), ["variables"]);
    assert.deepEqual(logged, []);
  });
});
