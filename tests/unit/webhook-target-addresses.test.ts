// Which addresses a webhook may be sent to (SSRF guard), and the retry schedule of the outbox.
import { test } from "node:test";
import assert from "node:assert/strict";
import { forbiddenAddressReason } from "../../lib/webhooks/ssrf.ts";
import { retryDelayMs } from "../../lib/outbox/config.ts";

test("loopback, private, link-local, CGNAT, unique-local, metadata and special addresses are refused, IPv4 and IPv6", () => {
  const refused: [string, RegExp][] = [
    ["127.0.0.1", /loopback/],
    ["127.255.255.254", /loopback/],
    ["10.0.0.1", /private/],
    ["172.16.0.1", /private/],
    ["172.31.255.255", /private/],
    ["192.168.0.1", /private/],
    ["100.64.0.1", /carrier-grade/],
    ["100.127.255.255", /carrier-grade/],
    ["169.254.169.254", /link-local/],
    ["0.0.0.0", /this-network/],
    ["255.255.255.255", /broadcast/],
    ["224.0.0.1", /multicast/],
    ["240.0.0.1", /reserved/],
    ["198.18.0.1", /benchmarking/],
    ["::", /unspecified/],
    ["::1", /loopback/],
    ["::ffff:127.0.0.1", /loopback/],
    ["::ffff:7f00:1", /loopback/],
    ["::ffff:169.254.169.254", /link-local/],
    ["::ffff:10.0.0.1", /private/],
    ["::127.0.0.1", /loopback/],
    ["64:ff9b::a9fe:a9fe", /link-local/],
    ["2002:7f00:1::", /loopback/],
    ["fd00:ec2::254", /unique-local/],
    ["fc00::1", /unique-local/],
    ["fe80::1", /link-local/],
    ["fe80::1%eth0", /link-local/],
    ["ff02::1", /multicast/],
    ["2001:db8::1", /documentation/],
    ["2001::1", /IETF/],
  ];
  for (const [ip, why] of refused) assert.match(forbiddenAddressReason(ip) ?? "allowed", why, ip);
});

test("public addresses are allowed, including neighbours of the refused ranges", () => {
  for (const ip of ["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "169.253.255.255", "11.0.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::"]) {
    assert.equal(forbiddenAddressReason(ip), null, ip);
  }
  assert.equal(forbiddenAddressReason("example.com"), "not an IP address");
});

test("retries back off exponentially with ±25 % jitter up to the cap", () => {
  const config = { retryBaseMs: 10_000, retryMaxMs: 4 * 3600_000 };
  assert.equal(retryDelayMs(1, config, () => 0.5), 10_000);
  assert.equal(retryDelayMs(2, config, () => 0.5), 20_000);
  assert.equal(retryDelayMs(5, config, () => 0.5), 160_000);
  assert.equal(retryDelayMs(40, config, () => 0.5), 4 * 3600_000);
  assert.equal(retryDelayMs(1, config, () => 0), 7_500);
  assert.equal(retryDelayMs(1, config, () => 0.999999), 12_500);
  // With the defaults the attempts go on for more than 24 h before the window closes them.
  let elapsed = 0;
  let attempt = 0;
  while (elapsed < 24 * 3600_000) elapsed += retryDelayMs(++attempt, config, () => 0.5);
  assert.ok(attempt > 10 && attempt < 25, `attempts in 24 h: ${attempt}`);
});
