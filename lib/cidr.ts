// IP addresses and CIDR networks without Node's `net` module, so that the browser's forms can load the
// same validation schemas as the API. isIPv4/isIPv6 are the regular expressions of Node's own
// lib/internal/net.js (tests/unit/cidr.test.ts checks them against node:net).
const V4_SEG = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
const V4 = `(?:${V4_SEG}\\.){3}${V4_SEG}`;
const V6_SEG = "(?:[0-9a-fA-F]{1,4})";
const IPV4 = new RegExp(`^${V4}$`);
const IPV6 = new RegExp(
  "^(?:" +
    `(?:${V6_SEG}:){7}(?:${V6_SEG}|:)|` +
    `(?:${V6_SEG}:){6}(?:${V4}|:${V6_SEG}|:)|` +
    `(?:${V6_SEG}:){5}(?::${V4}|(?::${V6_SEG}){1,2}|:)|` +
    `(?:${V6_SEG}:){4}(?:(?::${V6_SEG}){0,1}:${V4}|(?::${V6_SEG}){1,3}|:)|` +
    `(?:${V6_SEG}:){3}(?:(?::${V6_SEG}){0,2}:${V4}|(?::${V6_SEG}){1,4}|:)|` +
    `(?:${V6_SEG}:){2}(?:(?::${V6_SEG}){0,3}:${V4}|(?::${V6_SEG}){1,5}|:)|` +
    `(?:${V6_SEG}:){1}(?:(?::${V6_SEG}){0,4}:${V4}|(?::${V6_SEG}){1,6}|:)|` +
    `(?::(?:(?::${V6_SEG}){0,5}:${V4}|(?::${V6_SEG}){1,7}|:))` +
    ")(?:%[0-9a-zA-Z-.:]{1,})?$",
);

export const isIPv4 = (text: string): boolean => IPV4.test(text);
export const isIPv6 = (text: string): boolean => IPV6.test(text);

/** 4, 6, or 0 when `text` is no IP address: what node:net's isIP answers. */
export function isIP(text: string): 0 | 4 | 6 {
  if (isIPv4(text)) return 4;
  if (isIPv6(text)) return 6;
  return 0;
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; strips an IPv6 zone. */
export function normalizeIp(address: string): string {
  let ip = address.trim();
  if (ip.toLowerCase().startsWith("::ffff:") && isIPv4(ip.slice(7))) ip = ip.slice(7);
  const zone = ip.indexOf("%");
  if (zone > 0) ip = ip.slice(0, zone);
  return ip;
}

export interface Cidr {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address; returns null when invalid. */
export function parseCidr(text: string): Cidr | null {
  const [raw, prefixText, ...rest] = text.trim().split("/");
  if (rest.length > 0 || !raw) return null;
  const address = normalizeIp(raw);
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

export function formatCidr(cidr: Cidr): string {
  return `${cidr.address}/${cidr.prefix}`;
}
