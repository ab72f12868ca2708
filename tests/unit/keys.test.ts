import { test } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { base62, crc32, digestKey, displayKey, generateKey, hasValidChecksum, isPlausibleKey, suppliedKeyProblem } from "../../lib/auth/keys.ts";

test("crc32 is the IEEE CRC that zlib computes", () => {
  for (const s of ["", "a", "abcdefghijklmnopqrstuvwxyz0123", "The quick brown fox"]) {
    const expected = (zlib as unknown as { crc32?: (d: string) => number }).crc32?.(s);
    if (expected !== undefined) assert.equal(crc32(s), expected);
  }
  assert.equal(crc32("123456789"), 0xcbf43926);
});

test("base62 writes the most significant digit first, padded", () => {
  assert.equal(base62(0, 6), "000000");
  assert.equal(base62(61, 6), "00000z");
  assert.equal(base62(62, 6), "000010");
  assert.equal(base62(0xffffffff, 6), "4gfFC3");
});

test("generated keys: bcn_ + 30 base62 + 6-char CRC32, and unique", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 500; i++) {
    const key = generateKey();
    assert.match(key, /^bcn_[0-9A-Za-z]{36}$/);
    assert.equal(key.length, 40);
    assert.ok(hasValidChecksum(key));
    assert.equal(key.slice(34), base62(crc32(key.slice(4, 34)), 6));
    seen.add(key);
  }
  assert.equal(seen.size, 500);
});

test("a bcn_ key with one changed character fails its checksum", () => {
  const key = generateKey();
  const flipped = key.slice(0, 10) + (key[10] === "a" ? "b" : "a") + key.slice(11);
  assert.equal(hasValidChecksum(flipped), false);
  assert.equal(isPlausibleKey(flipped), false);
  assert.equal(isPlausibleKey(key), true);
});

test("user-supplied keys: 40–128 of [A-Za-z0-9_.-]; bcn_ ones need a valid checksum", () => {
  assert.equal(suppliedKeyProblem("d2f763479f703d80de0ec15254237bc651f9cdc0"), null);
  assert.match(suppliedKeyProblem("short") ?? "", /40 to 128/);
  assert.match(suppliedKeyProblem("x".repeat(129)) ?? "", /40 to 128/);
  assert.match(suppliedKeyProblem("a b".padEnd(45, "c")) ?? "", /40 to 128/);
  assert.match(suppliedKeyProblem("bcn_" + "A".repeat(36)) ?? "", /checksum/);
  assert.equal(suppliedKeyProblem(generateKey()), null);
});

test("digests are HMAC-SHA256 under the pepper: deterministic, pepper-dependent, never the key", () => {
  const key = generateKey();
  assert.equal(digestKey(key, "p1"), digestKey(key, "p1"));
  assert.notEqual(digestKey(key, "p1"), digestKey(key, "p2"));
  assert.match(digestKey(key, "p1"), /^[0-9a-f]{64}$/);
  assert.ok(!digestKey(key, "p1").includes(key.slice(4)));
});

test("display shows the prefix, four characters and the last four", () => {
  const key = generateKey();
  assert.equal(displayKey(key), `${key.slice(0, 8)}…${key.slice(-4)}`);
});
