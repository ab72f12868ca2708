// HTTP behaviour that only the real server shows: routing, trailing slashes, the client address.
import { expect, test } from "@playwright/test";

test("every API path answers with and without a trailing slash, with no redirect", async ({ request }) => {
  for (const path of ["/api/v1", "/api/v1/", "/api/v1/components", "/api/v1/components/"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
  }
  const index = await (await request.get("/api/v1/")).json();
  expect(index.components).toMatch(/\/api\/v1\/components$/);
});

test("unknown API paths are a JSON 404, wrong methods a JSON 405 with Allow", async ({ request }) => {
  const missing = await request.get("/api/v1/nope/nothing");
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toEqual({ detail: "Not found." });
  const put = await request.put("/api/v1/components", { data: {} });
  expect(put.status()).toBe(405);
  expect(await put.json()).toEqual({ detail: 'Method "PUT" not allowed.' });
  expect(put.headers()["allow"]).toContain("POST");
});

test("a client cannot choose its own address with X-Forwarded-For", async ({ request }) => {
  const res = await request.get("/api/v1/user/self", {
    headers: { "X-Forwarded-For": "6.6.6.6", "x-beacon-client-ip": "6.6.6.6", Authorization: "Token definitely-not-a-valid-token-0123456789abcdef" },
  });
  expect(res.status()).toBe(401);
});
