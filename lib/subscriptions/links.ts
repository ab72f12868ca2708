// Signed links for subscribers (confirm, manage, one-click unsubscribe): a payload and an HMAC-SHA256 over it
// and the subscriber's e-mail, keyed by a key derived from the server's session secret. The e-mail is bound
// into the MAC but not written into the link, so a link names no address, and a link for a subscriber that
// was removed (even if the same address subscribes again under a new id) no longer works.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { sessionSecret } from "../config.ts";

export type LinkPurpose = "confirm" | "manage";

export interface LinkPayload {
  purpose: LinkPurpose;
  subscriberId: number;
  /** Confirm links: the components chosen when subscribing (null: all). */
  componentIds?: number[] | null;
  /** Confirm links: when the link stops working (ms since the epoch). */
  expiresAt?: number;
}

interface Wire {
  p: "c" | "m";
  s: number;
  c?: number[] | null;
  x?: number;
}

let cachedKey: { secret: string; key: Buffer } | undefined;

function linkKey(): Buffer {
  const secret = sessionSecret();
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "beacon", "beacon subscriber links v1", 32)) };
  }
  return cachedKey.key;
}

const mac = (body: string, email: string) => createHmac("sha256", linkKey()).update(`${body}\n${email.toLowerCase()}`).digest();

export function signLink(payload: LinkPayload, email: string): string {
  const wire: Wire = { p: payload.purpose === "confirm" ? "c" : "m", s: payload.subscriberId };
  if (payload.componentIds !== undefined) wire.c = payload.componentIds;
  if (payload.expiresAt !== undefined) wire.x = Math.floor(payload.expiresAt / 1000);
  const body = Buffer.from(JSON.stringify(wire)).toString("base64url");
  return `${body}.${mac(body, email).toString("base64url")}`;
}

/** The payload of a code whose shape is right, before its MAC is checked (which needs the subscriber's e-mail). */
export function readLink(code: string): (LinkPayload & { body: string; signature: Buffer }) | null {
  const match = /^([A-Za-z0-9_-]{1,1400})\.([A-Za-z0-9_-]{43})$/.exec(code);
  if (!match) return null;
  let wire: Wire;
  try {
    wire = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8")) as Wire;
  } catch {
    return null;
  }
  if (typeof wire !== "object" || wire === null || (wire.p !== "c" && wire.p !== "m") || !Number.isSafeInteger(wire.s) || wire.s < 1) return null;
  if (wire.c != null && !(Array.isArray(wire.c) && wire.c.every((id) => Number.isSafeInteger(id) && id > 0))) return null;
  if (wire.x !== undefined && !Number.isSafeInteger(wire.x)) return null;
  return {
    purpose: wire.p === "c" ? "confirm" : "manage",
    subscriberId: wire.s,
    ...(wire.c !== undefined ? { componentIds: wire.c } : {}),
    ...(wire.x !== undefined ? { expiresAt: wire.x * 1000 } : {}),
    body: match[1],
    signature: Buffer.from(match[2], "base64url"),
  };
}

/** Whether the link's MAC matches this subscriber's e-mail (constant time). */
export function linkSignedFor(link: { body: string; signature: Buffer }, email: string): boolean {
  const expected = mac(link.body, email);
  return expected.length === link.signature.length && timingSafeEqual(expected, link.signature);
}
