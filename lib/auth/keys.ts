// API key format (API.md §3): `bcn_` + 30 random base62 characters + the CRC32 of those 30 characters
// in base62, left-padded to 6. The checksum lets us reject typos and guesses without a database read,
// and lets secret scanners recognise real keys offline. Keys are stored only as an HMAC digest.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import zlib from "node:zlib";
import { tokenPepper } from "../config.ts";

export const KEY_PREFIX = "bcn_";
export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
export const GENERATED_KEY_LENGTH = KEY_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;

/** Keys a user may supply when restoring a token (NetBox): 40–128 of these characters. */
export const SUPPLIED_KEY_PATTERN = /^[A-Za-z0-9_.-]{40,128}$/;

/** CRC-32 (IEEE 802.3) of the UTF-8 text, as zlib computes it. */
export function crc32(text: string): number {
  return zlib.crc32(text);
}

export function base62(value: number, width: number): string {
  let out = "";
  let n = value;
  do {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, "0");
}

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: rejecting bytes at or above it keeps every character equally likely.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function checksumOf(random: string): string {
  return base62(crc32(random), CHECKSUM_LENGTH);
}

/** A new key: 30 × log2(62) ≈ 178 random bits. */
export function generateKey(): string {
  const random = randomBase62(RANDOM_LENGTH);
  return KEY_PREFIX + random + checksumOf(random);
}

/** True when a `bcn_` key has the right length, alphabet and checksum. */
export function hasValidChecksum(key: string): boolean {
  if (key.length !== GENERATED_KEY_LENGTH || !key.startsWith(KEY_PREFIX)) return false;
  const random = key.slice(KEY_PREFIX.length, KEY_PREFIX.length + RANDOM_LENGTH);
  const sum = key.slice(KEY_PREFIX.length + RANDOM_LENGTH);
  if (!/^[0-9A-Za-z]+$/.test(random + sum)) return false;
  return checksumOf(random) === sum;
}

/**
 * Whether a presented string could be a live key at all. Anything else is answered `Invalid token.`
 * without touching the database.
 */
export function isPlausibleKey(key: string): boolean {
  if (!SUPPLIED_KEY_PATTERN.test(key)) return false;
  return key.startsWith(KEY_PREFIX) ? hasValidChecksum(key) : true;
}

/** Why a user-supplied key is unacceptable, or null when it is fine. */
export function suppliedKeyProblem(key: string): string | null {
  if (!SUPPLIED_KEY_PATTERN.test(key)) return "A key must be 40 to 128 characters of A-Z, a-z, 0-9, '_', '.' or '-'.";
  if (key.startsWith(KEY_PREFIX) && !hasValidChecksum(key)) return "A key starting with bcn_ must carry a valid checksum.";
  return null;
}

/** The stored form of a key: HMAC-SHA256 under the server pepper, hex. */
export function digestKey(key: string, pepper = tokenPepper()): string {
  return createHmac("sha256", pepper).update(key, "utf8").digest("hex");
}

export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `bcn_AbCd…wxyz`: the prefix and first four characters after it, and the last four. */
export function displayKey(key: string): string {
  const head = key.startsWith(KEY_PREFIX) ? key.slice(0, KEY_PREFIX.length + 4) : key.slice(0, 4);
  return `${head}…${key.slice(-4)}`;
}
