// HTTP behaviour that only the real server shows: routing, trailing slashes, the client address.
import { expect, test } from "@playwright/test";
import { adminToken } from "./helpers";

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
  const loopbackOnly = await adminToken(request, { description: "loopback", allowed_ips: ["127.0.0.1/32", "::1/128"] });
  const spoofed = await request.get("/api/v1/user/self", { headers: { "X-Api-Key": loopbackOnly, "X-Forwarded-For": "203.0.113.9", "x-beacon-client-ip": "203.0.113.9" } });
  expect(spoofed.status()).toBe(200);
  const elsewhere = await adminToken(request, { description: "elsewhere", allowed_ips: ["203.0.113.9/32"] });
  const claimed = await request.get("/api/v1/user/self", { headers: { "X-Api-Key": elsewhere, "X-Forwarded-For": "203.0.113.9", "x-beacon-client-ip": "203.0.113.9" } });
  expect(claimed.status()).toBe(403);
  expect((await claimed.json()).detail).toBe("Source IP 127.0.0.1 is not permitted to authenticate using this token.");
});

test("the admin token printed at installation works with each header style", async ({ request }) => {
  const key = await adminToken(request);
  for (const headers of <Record<string, string>[]>[{ Authorization: `Token ${key}` }, { Authorization: `Bearer ${key}` }, { "X-Api-Key": key }, { "X-Cachet-Token": key }, { "api-key": key }]) {
    const res = await request.get("/api/v1/user/self", { headers });
    expect(res.status(), JSON.stringify(Object.keys(headers))).toBe(200);
  }
});

test("two different Authorization headers are a conflict, not a silent pick of the first", async ({ request, baseURL }) => {
  const a = await adminToken(request, { description: "dup a" });
  const b = await adminToken(request, { description: "dup b" });
  const net = await import("node:net");
  const { hostname, port } = new URL(baseURL!);
  const raw = (lines: string[]) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => socket.end(`GET /api/v1/user/self HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${lines.join("\r\n")}\r\nConnection: close\r\n\r\n`));
      let data = "";
      socket.on("data", (d) => (data += d));
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
  const conflicting = await raw([`Authorization: Token ${a}`, `Authorization: Token ${b}`]);
  expect(conflicting).toMatch(/^HTTP\/1\.1 400/);
  expect(conflicting).toContain("Conflicting credentials");
  const repeated = await raw([`Authorization: Token ${a}`, `Authorization: Token ${a}`]);
  expect(repeated).toMatch(/^HTTP\/1\.1 200/);
});
