import { test } from "node:test";
import assert from "node:assert/strict";
import { readCredentials } from "../../lib/auth/credentials.ts";
import { ApiError } from "../../lib/errors.ts";

function read(headers: Record<string, string>, path = "/api/v1/components") {
  const url = new URL(path, "http://x");
  return readCredentials(new Request(url, { headers }), url);
}

function fails(headers: Record<string, string>, status: number, detail: string, path?: string) {
  assert.throws(() => read(headers, path), (err: unknown) => err instanceof ApiError && err.status === status && err.detail === detail);
}

const KEY = "k".repeat(40);

test("each of the five token headers is read, schemes case-insensitive", () => {
  for (const headers of <Record<string, string>[]>[
    { Authorization: `Token ${KEY}` },
    { Authorization: `token ${KEY}` },
    { Authorization: `Bearer ${KEY}` },
    { Authorization: `BEARER ${KEY}` },
    { "X-Api-Key": KEY },
    { "X-Cachet-Token": KEY },
    { "api-key": KEY },
  ]) {
    assert.equal(read(headers).key, KEY, JSON.stringify(headers));
  }
});

test("Basic is decoded to email and password (the password may contain colons)", () => {
  const b = read({ Authorization: `Basic ${Buffer.from("a@b.c:pa:ss").toString("base64")}` }).basic;
  assert.deepEqual(b, { email: "a@b.c", password: "pa:ss" });
});

test("the same key in two headers is fine; two different keys conflict", () => {
  assert.equal(read({ Authorization: `Token ${KEY}`, "X-Api-Key": KEY }).key, KEY);
  fails({ Authorization: `Token ${KEY}`, "X-Api-Key": "other".repeat(10) }, 400, "Conflicting credentials: send one of Authorization, X-Api-Key, X-Cachet-Token or api-key.");
});

test("tokens in the URL are refused first", () => {
  for (const q of ["api_key", "token", "access_token"]) {
    fails({ Authorization: "Token" }, 400, "Tokens are not accepted in the URL; send an X-Api-Key or Authorization header.", `/api/v1/components?${q}=abc`);
  }
});

test("malformed token headers get DRF's messages", () => {
  fails({ Authorization: "Token" }, 401, "Invalid token header. No credentials provided.");
  fails({ Authorization: "Bearer   " }, 401, "Invalid token header. No credentials provided.");
  fails({ Authorization: "Token a b" }, 401, "Invalid token header. Token string should not contain spaces.");
  fails({ "X-Api-Key": "abc\u00e9def" }, 401, "Invalid token header. Token string should not contain invalid characters.");
});

test("malformed Basic headers get DRF's messages", () => {
  fails({ Authorization: "Basic" }, 401, "Invalid basic header. No credentials provided.");
  fails({ Authorization: "Basic a b" }, 401, "Invalid basic header. Credentials string should not contain spaces.");
  fails({ Authorization: "Basic !!!notbase64" }, 401, "Invalid basic header. Credentials not correctly base64 encoded.");
  fails({ Authorization: `Basic ${Buffer.from("no-colon").toString("base64")}` }, 401, "Invalid basic header. Credentials not correctly base64 encoded.");
});

test("no credentials is no credentials", () => {
  assert.deepEqual(read({}), { key: null, keyHeader: null, basic: null });
});
