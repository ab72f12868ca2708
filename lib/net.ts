// Who is the client, and what origin did they reach us at? Route handlers cannot see the socket, and a
// client may send any X-Forwarded-For, so Beacon's own server (server.ts) strips the client's copies of
// the x-beacon-* headers and sets them from the socket, believing forwarded headers only from the
// proxies listed in BEACON_TRUSTED_PROXIES (STACK.md).
import net from "node:net";
import { configuredPublicOrigin } from "./config.ts";
import { formatCidr, normalizeIp, parseCidr, type Cidr } from "./cidr.ts";

export const CLIENT_IP_HEADER = "x-beacon-client-ip";
export const PROTO_HEADER = "x-beacon-proto";
export const HOST_HEADER = "x-beacon-host";
export const OWN_HEADERS = [CLIENT_IP_HEADER, PROTO_HEADER, HOST_HEADER];

const SERVER_MARK = Symbol.for("beacon.server");

/** Called by server.ts: from now on the x-beacon-* headers are the server's, not the client's. */
export function markBeaconServer(): void {
  (globalThis as Record<symbol, unknown>)[SERVER_MARK] = true;
}

export function isBeaconServer(): boolean {
  return (globalThis as Record<symbol, unknown>)[SERVER_MARK] === true;
}

// Address parsing lives in ./cidr.ts (no node:net), which the browser's forms load too.
export { formatCidr, normalizeIp, parseCidr, type Cidr } from "./cidr.ts";

/** A matcher for a list of CIDRs (IPv4 and IPv6). */
export function cidrMatcher(cidrs: string[]): (ip: string) => boolean {
  const list = new net.BlockList();
  for (const text of cidrs) {
    const cidr = parseCidr(text);
    if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return (ip: string) => {
    const address = normalizeIp(ip);
    const version = net.isIP(address);
    return version !== 0 && list.check(address, version === 4 ? "ipv4" : "ipv6");
  };
}

/** Whether every address of `inner` lies inside some network of `outer`. */
export function cidrWithin(inner: string, outer: string[]): boolean {
  const cidr = parseCidr(inner);
  if (!cidr) return false;
  return outer.some((o) => {
    const net2 = parseCidr(o);
    if (!net2 || net2.family !== cidr.family || net2.prefix > cidr.prefix) return false;
    return cidrMatcher([formatCidr(net2)])(cidr.address) && cidrMatcher([formatCidr(net2)])(lastAddressOf(cidr));
  });
}

function lastAddressOf(cidr: Cidr): string {
  if (cidr.family === "ipv4") {
    const n = cidr.address.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
    const size = 2 ** (32 - cidr.prefix);
    const last = Math.floor(n / size) * size + size - 1;
    return [24, 16, 8, 0].map((s) => Math.floor(last / 2 ** s) % 256).join(".");
  }
  const groups = expandIpv6(cidr.address);
  let bits = groups.map((g) => g.toString(2).padStart(16, "0")).join("");
  bits = bits.slice(0, cidr.prefix) + "1".repeat(128 - cidr.prefix);
  const out: string[] = [];
  for (let i = 0; i < 128; i += 16) out.push(parseInt(bits.slice(i, i + 16), 2).toString(16));
  return out.join(":");
}

function expandIpv6(address: string): number[] {
  const [head, tail] = address.split("::");
  const parse = (s: string | undefined) => (s ? s.split(":").filter(Boolean) : []);
  let h = parse(head);
  let t = tail === undefined ? [] : parse(tail);
  const embedded = (list: string[]) => {
    const last = list[list.length - 1];
    if (last && net.isIPv4(last)) {
      const [a, b, c, d] = last.split(".").map(Number);
      list.splice(list.length - 1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
    }
    return list;
  };
  h = embedded(h);
  t = embedded(t);
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((g) => parseInt(g, 16));
}

export function trustedProxies(): string[] {
  return (process.env.BEACON_TRUSTED_PROXIES || "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The client address for a connection from `socketAddress`: the socket itself, unless it is a trusted
 * proxy, in which case X-Forwarded-For is walked from the right, skipping trusted proxies.
 */
export function resolveClientIp(socketAddress: string, forwardedFor: string | undefined, trusted = trustedProxies()): string {
  const socketIp = normalizeIp(socketAddress || "");
  if (trusted.length === 0 || !forwardedFor) return socketIp;
  const isTrusted = cidrMatcher(trusted);
  if (!isTrusted(socketIp)) return socketIp;
  const hops = forwardedFor.split(",").map((s) => normalizeIp(s)).filter((s) => net.isIP(s) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(hops[i])) return hops[i];
  }
  return hops[0] ?? socketIp;
}

/** The client's IP as Beacon's server saw it; "unknown" when not running behind it (e.g. `next dev`). */
export function requestClientIp(req: Request): string {
  if (!isBeaconServer()) return "unknown";
  return req.headers.get(CLIENT_IP_HEADER) || "unknown";
}

const HOST_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Beacon's origin (`https://host:port`) for absolute links and the CSRF check: the configured public URL
 * (BEACON_PUBLIC_URL or NEXTAUTH_URL) when set; otherwise the request's Host, or the host and scheme a
 * trusted proxy forwarded (which only Beacon's server reports, as x-beacon-host/-proto).
 */
export function requestOrigin(req: Request): string {
  const configured = configuredPublicOrigin();
  if (configured) return configured;
  const url = new URL(req.url);
  const own = (name: string) => (isBeaconServer() ? req.headers.get(name) : null);
  const candidate = (own(HOST_HEADER) || req.headers.get("host") || "").split(",")[0].trim();
  // A malformed Host must never break URL building (or inject into it): fall back to the URL's.
  const host = HOST_PATTERN.test(candidate) ? candidate : url.host;
  const proto = own(PROTO_HEADER) === "https" ? "https" : own(PROTO_HEADER) === "http" ? "http" : url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
