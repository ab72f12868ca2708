// Which origin is "configured" (API links, CSRF): BEACON_PUBLIC_URL, else a NEXTAUTH_URL that someone set,
// but never the localhost default `npm start` hands next-auth, and never a forwarded host from a client.
import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { configuredPublicOrigin, defaultNextAuthUrl } from "../../lib/config.ts";
import { requestOrigin } from "../../lib/net.ts";

const VARS = ["NEXTAUTH_URL", "BEACON_PUBLIC_URL", "BEACON_NEXTAUTH_URL_DEFAULTED"];
afterEach(() => {
  for (const name of VARS) delete process.env[name];
});

test("npm start's default NEXTAUTH_URL feeds next-auth but is no configured public origin", () => {
  defaultNextAuthUrl(3456);
  assert.equal(process.env.NEXTAUTH_URL, "http://localhost:3456");
  assert.equal(configuredPublicOrigin(), null);
  assert.equal(requestOrigin(new Request("http://x/api/", { headers: { host: "127.0.0.1:3456" } })), "http://127.0.0.1:3456");
});

test("a NEXTAUTH_URL or BEACON_PUBLIC_URL that was set is the origin (BEACON_PUBLIC_URL first); a non-URL is none", () => {
  process.env.NEXTAUTH_URL = "https://status.example.org/some/path";
  defaultNextAuthUrl(3456);
  assert.equal(process.env.NEXTAUTH_URL, "https://status.example.org/some/path", "a set NEXTAUTH_URL is kept");
  assert.equal(configuredPublicOrigin(), "https://status.example.org");
  process.env.BEACON_PUBLIC_URL = "https://public.example:8443";
  assert.equal(configuredPublicOrigin(), "https://public.example:8443");
  assert.equal(requestOrigin(new Request("http://x/api/", { headers: { host: "evil.example" } })), "https://public.example:8443");
  process.env.BEACON_PUBLIC_URL = "not a url";
  delete process.env.NEXTAUTH_URL;
  assert.equal(configuredPublicOrigin(), null);
});

test("BEACON_PUBLIC_URL alone also becomes next-auth's URL, and stays configured", () => {
  process.env.BEACON_PUBLIC_URL = "https://status.example.org";
  defaultNextAuthUrl(3456);
  assert.equal(process.env.NEXTAUTH_URL, "https://status.example.org");
  assert.equal(configuredPublicOrigin(), "https://status.example.org");
});

test("outside Beacon's server, a client's x-beacon-host / x-beacon-proto are not believed", () => {
  const req = new Request("http://x/api/", { headers: { host: "status.internal", "x-beacon-host": "evil.example", "x-beacon-proto": "https" } });
  assert.equal(requestOrigin(req), "http://status.internal");
});
