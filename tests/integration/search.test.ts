// `?q=` ignores case on both databases, in names and in long texts alike.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";

let app: TestApp;

describeDb("case-insensitive search", () => {
  before(async () => {
    app = await testApp();
  });

  test("incident messages, page bodies and component descriptions match whatever the case", async () => {
    const h = tokenHeader(app.adminToken);
    assert.equal((await app.call("POST", "/api/v1/incidents", { headers: h, json: { name: "Disk", message: "The Storage Array is degraded" } })).status, 201);
    assert.equal((await app.call("POST", "/api/v1/pages", { headers: h, json: { title: "Runbook", slug: "runbook-search", body: "Restart the Frobnicator first", published: true } })).status, 201);
    assert.equal((await app.call("POST", "/api/v1/components", { headers: h, json: { name: "Queue", description: "Handles Webhooks" } })).status, 201);
    assert.equal((await app.call("GET", "/api/v1/incidents?q=storage%20ARRAY")).body.count, 1);
    assert.equal((await app.call("GET", "/api/v1/pages?q=FROBNICATOR")).body.count, 1);
    assert.equal((await app.call("GET", "/api/v1/components?q=webhooks")).body.count, 1);
    assert.equal((await app.call("GET", "/api/v1/incidents?q=DISK")).body.count, 1);
  });
});
