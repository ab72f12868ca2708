// Methods, paths and bodies as API.md §1 says: 405 with Allow on known nested routes and a JSON 404 on unknown
// ones; non-object bodies, media types, malformed JSON and the 1 MiB boundary.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";

let app: TestApp;

describeDb("methods, paths and bodies", () => {
  before(async () => {
    app = await testApp();
  });

  test("GUARD: 405 with Allow on known nested routes, 404 on unknown ones (every method)", async () => {
    const admin = tokenHeader(app.adminToken);
    const cases: [string, string, number, string | null][] = [
      ["GET", "/api/v1/tokens/1/refresh", 405, "POST, OPTIONS"],
      ["PUT", "/api/v1/tokens/self", 405, "GET, DELETE, HEAD, OPTIONS"],
      ["GET", "/api/v1/tokens/revoke", 405, "POST, OPTIONS"],
      ["DELETE", "/api/v1/auth/token", 405, "POST, OPTIONS"],
      ["GET", "/api/v1/incidents/1/updates/1/x", 404, null],
      ["POST", "/api/v1/user/self/x", 404, null],
      ["GET", "/api/v1/user", 404, null],
      ["GET", "/api/nope/", 404, null],
    ];
    for (const [method, path, status, allow] of cases) {
      const res = await app.call(method, path, { headers: admin });
      assert.equal(res.status, status, `${method} ${path}`);
      if (status === 405) {
        assert.deepEqual(res.body, { detail: `Method "${method}" not allowed.` });
        assert.equal(res.headers.get("allow"), allow, `${method} ${path}`);
      } else assert.deepEqual(res.body, { detail: "Not found." });
    }
  });

  test("GUARD: request bodies — non-objects, media types and the 1 MiB boundary", async () => {
    const admin = tokenHeader(app.adminToken);
    for (const body of ["null", "[]", "5", '"x"', "true"]) {
      const res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "application/json" }, body });
      assert.equal(res.status, 400, body);
      assert.equal(res.body.detail, "Validation failed.");
    }
    for (const type of ["APPLICATION/JSON ; charset=UTF-8", "application/json;", "application/vnd.beacon+JSON"]) {
      const res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": type }, body: `{"name":"ct ${type}"}` });
      assert.equal(res.status, 201, type);
    }
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/jsonx", "multipart/form-data; boundary=x"]) {
      const res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": type }, body: '{"name":"x"}' });
      assert.deepEqual([res.status, res.body], [415, { detail: `Unsupported media type "${type.split(";")[0]}" in request.` }], type);
    }
    const exactly = `{"name":"${"a".repeat(1024 * 1024 - 11)}"}`;
    assert.equal(Buffer.byteLength(exactly), 1024 * 1024);
    let res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "application/json" }, body: exactly });
    assert.equal(res.status, 400, "exactly 1 MiB is read (and then fails validation), not a 413");
    assert.ok(res.body.errors.name);
    res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "application/json" }, body: exactly + " " });
    assert.deepEqual([res.status, res.body], [413, { detail: "Request body exceeds 1 MiB." }]);
    res = await app.call("POST", "/api/v1/components", { headers: { ...admin, "Content-Type": "application/json" }, body: '{"name":' });
    assert.deepEqual([res.status, res.body], [400, { detail: "JSON parse error." }]);
  });
});
