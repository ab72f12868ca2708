// lib/cidr.ts parses addresses without node:net (the browser's forms load it) and must agree with
// node:net on every input, since the API's answers used to come from node:net itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import net from "node:net";
import { isIP, isIPv4, isIPv6, parseCidr } from "../../lib/cidr.ts";

const EDGE = [
  "", " ", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1.2.3.04", "1..2.3", "1.2.3.4 ",
  "::", "::1", "1::", "::ffff:1.2.3.4", "::ffff:256.1.1.1", "2001:db8::", "2001:db8::1%eth0", "fe80::1%", "fe80::1%en0:x",
  "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::2::3", "12345::", "g::1", ":1", "1:",
  "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:1.2.3.4", "1::1.2.3.4", "::1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "FFFF::", "ffff:FFFF::0:0",
  "[::1]", "0x7f.0.0.1", "127.1", "2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8:0:0:0:0:2:1",
];

function randomCandidate(): string {
  const alphabet = "0123456789abcdefABCDEF:.%g ";
  const length = randomInt(1, 40);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

function randomAddress(): string {
  if (randomInt(2) === 0) return Array.from({ length: 4 }, () => String(randomInt(300))).join(".");
  const groups = Array.from({ length: randomInt(1, 9) }, () => randomInt(0x10000).toString(16));
  const at = randomInt(groups.length + 1);
  return randomInt(3) === 0 ? [...groups.slice(0, at), "", ...groups.slice(at)].join(":") : groups.join(":");
}

test("isIP, isIPv4 and isIPv6 answer what node:net answers", () => {
  const inputs = [...EDGE, ...Array.from({ length: 3000 }, randomCandidate), ...Array.from({ length: 3000 }, randomAddress)];
  for (const input of inputs) {
    assert.equal(isIP(input), net.isIP(input), JSON.stringify(input));
    assert.equal(isIPv4(input), net.isIPv4(input), JSON.stringify(input));
    assert.equal(isIPv6(input), net.isIPv6(input), JSON.stringify(input));
  }
});

test("parseCidr: networks, bare addresses, mapped IPv4 and zones; garbage is null", () => {
  assert.deepEqual(parseCidr("10.0.0.0/8"), { address: "10.0.0.0", prefix: 8, family: "ipv4" });
  assert.deepEqual(parseCidr(" 2001:db8::/32 "), { address: "2001:db8::", prefix: 32, family: "ipv6" });
  assert.deepEqual(parseCidr("::ffff:192.0.2.1"), { address: "192.0.2.1", prefix: 32, family: "ipv4" });
  assert.deepEqual(parseCidr("fe80::1%eth0"), { address: "fe80::1", prefix: 128, family: "ipv6" });
  for (const bad of ["not-an-address", "10.0.0.0/33", "::/129", "10.0.0.0/8/8", "/8", "10.0.0.0/x"]) assert.equal(parseCidr(bad), null, bad);
});
