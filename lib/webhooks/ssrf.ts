// Server-side request forgery guard for webhook targets: an endpoint may not point Beacon at its own
// machine, its private networks or a cloud metadata service. Checked at registration (the host as it
// resolves then) and at every send against the very address the connection is made to, so a DNS answer
// that changes after the check (rebinding) cannot slip through. BEACON_WEBHOOK_ALLOW_PRIVATE=1 lifts it.
import dns from "node:dns/promises";
import net from "node:net";

export const allowPrivateTargets = () => process.env.BEACON_WEBHOOK_ALLOW_PRIVATE === "1";

const V4_BLOCKED: [string, number, string][] = [
  ["0.0.0.0", 8, "this-network"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local (cloud metadata)"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "6to4 relay"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

const V6_BLOCKED: [string, number, string][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["64:ff9b:1::", 48, "local NAT64"],
  ["100::", 64, "discard-only"],
  ["2001::", 23, "IETF protocol assignments"],
  ["2001:db8::", 32, "documentation"],
  ["fc00::", 7, "unique-local"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
];

function v4ToBigInt(ip: string): bigint {
  return ip.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** A valid IPv6 address (node:net checked it) as a 128-bit number; a dotted IPv4 tail counts as two groups. */
function v6ToBigInt(ip: string): bigint {
  let text = ip.split("%")[0].toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = v4ToBigInt(dotted[1]);
    text = text.slice(0, -dotted[1].length) + `${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(missing).fill("0"), ...tailGroups];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || "0", 16)), 0n);
}

const within = (value: bigint, base: bigint, prefix: number, bits: number) => value >> BigInt(bits - prefix) === base >> BigInt(bits - prefix);

function v4Reason(ip: string): string | null {
  const value = v4ToBigInt(ip);
  if (value === 0xffffffffn) return "broadcast";
  for (const [base, prefix, why] of V4_BLOCKED) if (within(value, v4ToBigInt(base), prefix, 32)) return why;
  return null;
}

const v4Of = (value: bigint) => [24n, 16n, 8n, 0n].map((s) => Number((value >> s) & 0xffn)).join(".");

/** Why `ip` may not receive webhooks (a short phrase), or null when it is a public address. */
export function forbiddenAddressReason(ip: string): string | null {
  const family = net.isIP(ip.split("%")[0]);
  if (family === 4) return v4Reason(ip);
  if (family !== 6) return "not an IP address";
  const value = v6ToBigInt(ip);
  // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16).
  if (value >> 32n === 0xffffn || value >> 32n === 0n) return value === 0n || value === 1n ? (value === 0n ? "unspecified" : "loopback") : v4Reason(v4Of(value & 0xffffffffn));
  if (within(value, v6ToBigInt("64:ff9b::"), 96, 128)) return v4Reason(v4Of(value & 0xffffffffn));
  if (within(value, v6ToBigInt("2002::"), 16, 128)) return v4Reason(v4Of((value >> 80n) & 0xffffffffn));
  for (const [base, prefix, why] of V6_BLOCKED) if (within(value, v6ToBigInt(base), prefix, 128)) return why;
  return null;
}

export interface ResolvedTarget {
  address: string;
  family: 4 | 6;
}

export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetRefused";
  }
}

const bare = (hostname: string) => (hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname);

/**
 * The address to connect to for `hostname`: every address it resolves to must be allowed (one private
 * answer among public ones refuses the host), and the connection then goes to the first of them.
 */
export async function resolveTarget(hostname: string): Promise<ResolvedTarget> {
  const host = bare(hostname);
  const literal = net.isIP(host);
  let addresses: ResolvedTarget[];
  if (literal) addresses = [{ address: host, family: literal as 4 | 6 }];
  else {
    try {
      addresses = (await dns.lookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
    } catch {
      throw new TargetRefused(`The host "${host}" could not be resolved.`);
    }
  }
  if (addresses.length === 0) throw new TargetRefused(`The host "${host}" could not be resolved.`);
  if (!allowPrivateTargets()) {
    for (const a of addresses) {
      const why = forbiddenAddressReason(a.address);
      if (why) throw new TargetRefused(`The host "${host}" resolves to ${a.address}, a ${why} address: webhooks go to public addresses only.`);
    }
  }
  return addresses[0];
}
