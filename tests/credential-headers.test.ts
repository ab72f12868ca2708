// The credential header names (API.md §2) are written once, in lib/credential-headers.ts, and every
// place that must know them (parsing, Vary, CORS, the 401's `invalid_token` hint, the OpenAPI document,
// the error messages, the UI's curl examples) reads them from there.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const HOME = "lib/credential-headers.ts";

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return rel === "lib/generated" ? [] : sources(rel);
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [rel] : [];
  });
}

test("the token header names appear in one source file", () => {
  const files = ["lib", "app", "components"].flatMap(sources);
  assert.ok(files.includes("lib/api/handler.ts"), "the sources were found (sanity check of this test)");
  const naming = files.filter((f) => /x-api-key|x-cachet-token/i.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
  assert.deepEqual(naming, [HOME]);
});

test("parsing, Vary, CORS and the OpenAPI security schemes all use the same header names", async () => {
  const { CREDENTIAL_HEADERS, TOKEN_KEY_HEADERS } = await import("../lib/credential-headers.ts");
  const { VARY } = await import("../lib/api/respond.ts");
  const { preflightResponse } = await import("../lib/api/cors.ts");
  const { SECURITY_SCHEMES } = await import("../lib/openapi/index.ts");
  const { readCredentials, presentsToken } = await import("../lib/auth/credentials.ts");
  const { DETAIL } = await import("../lib/errors.ts");

  const names = CREDENTIAL_HEADERS.map((h: string) => h.toLowerCase()).sort();
  assert.deepEqual(names, ["api-key", "authorization", "x-api-key", "x-cachet-token"]);
  const listed = (value: string) => value.split(",").map((s) => s.trim().toLowerCase());
  for (const name of names) assert.ok(listed(VARY).includes(name), `Vary lists ${name}`);

  process.env.BEACON_CORS_ORIGINS = "https://client.example";
  const preflight = preflightResponse(new Request("http://beacon.test/api/v1/", { method: "OPTIONS", headers: { origin: "https://client.example" } }), ["GET"]);
  for (const name of names) assert.ok(listed(preflight.headers.get("access-control-allow-headers")!).includes(name), `CORS allows ${name}`);

  const documented = Object.values(SECURITY_SCHEMES).flatMap((s) => (s.in === "header" && s.name ? [s.name.toLowerCase()] : [])).sort();
  assert.deepEqual(documented, names);

  for (const { name } of TOKEN_KEY_HEADERS) {
    const req = new Request("http://beacon.test/", { headers: { [name]: "some-key" } });
    assert.equal(readCredentials(req, new URL(req.url)).key, "some-key", `${name} carries a key`);
    assert.ok(presentsToken(req), `${name} presents a token`);
    assert.ok(DETAIL.conflictingCredentials.includes(name), `the conflict message names ${name}`);
  }
  assert.ok(presentsToken(new Request("http://beacon.test/", { headers: { authorization: "Bearer x" } })));
  assert.ok(!presentsToken(new Request("http://beacon.test/", { headers: { authorization: "Basic eDp5" } })));
});
