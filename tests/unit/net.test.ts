import { test } from "node:test";
import assert from "node:assert/strict";
import { cidrMatcher, cidrWithin, parseCidr, resolveClientIp } from "../../lib/net.ts";

test("CIDR matching covers IPv4, IPv6 and IPv4-mapped addresses", () => {
  const m = cidrMatcher(["10.0.0.0/8", "2001:db8::/32", "192.0.2.7"]);
  assert.ok(m("10.1.2.3"));
  assert.ok(m("::ffff:10.9.9.9"));
  assert.ok(m("2001:db8:1::5"));
  assert.ok(m("192.0.2.7"));
  assert.ok(!m("192.0.2.8"));
  assert.ok(!m("11.0.0.1"));
  assert.ok(!m("2001:db9::1"));
  assert.ok(!m("unknown"));
});

test("parseCidr refuses nonsense", () => {
  for (const bad of ["", "10.0.0.0/33", "10.0.0/8", "::/129", "abc", "10.0.0.0/8/1", "10.0.0.0/-1"]) assert.equal(parseCidr(bad), null, bad);
  assert.deepEqual(parseCidr("10.0.0.0/8"), { address: "10.0.0.0", prefix: 8, family: "ipv4" });
});

test("cidrWithin: a network is inside another only when all its addresses are", () => {
  assert.ok(cidrWithin("10.1.0.0/16", ["10.0.0.0/8"]));
  assert.ok(!cidrWithin("10.0.0.0/7", ["10.0.0.0/8"]));
  assert.ok(cidrWithin("2001:db8:1::/48", ["2001:db8::/32"]));
  assert.ok(!cidrWithin("2001:db8::/31", ["2001:db8::/32"]));
  assert.ok(cidrWithin("192.0.2.7", ["192.0.2.0/24"]));
});

test("X-Forwarded-For is believed only from trusted proxies, walked from the right", () => {
  assert.equal(resolveClientIp("203.0.113.5", "6.6.6.6", []), "203.0.113.5");
  assert.equal(resolveClientIp("203.0.113.5", "6.6.6.6", ["10.0.0.0/8"]), "203.0.113.5");
  assert.equal(resolveClientIp("10.0.0.2", "6.6.6.6, 198.51.100.4", ["10.0.0.0/8"]), "198.51.100.4");
  assert.equal(resolveClientIp("10.0.0.2", "198.51.100.4, 10.0.0.9", ["10.0.0.0/8"]), "198.51.100.4");
  assert.equal(resolveClientIp("::ffff:127.0.0.1", undefined, []), "127.0.0.1");
});

test("requestOrigin falls back to the URL's host when Host is malformed", async () => {
  const { requestOrigin } = await import("../../lib/net.ts");
  const req = (host: string) => new Request("http://fallback.test/api/v1/", { headers: { host } });
  assert.equal(requestOrigin(req("status.example.org:8080")), "http://status.example.org:8080");
  assert.equal(requestOrigin(req("a.example, b.example")), "http://a.example");
  assert.equal(requestOrigin(req("evil.example/path?x=")), "http://fallback.test");
  assert.equal(requestOrigin(req("[::1]:3000")), "http://[::1]:3000");
});
