// Webhook signing secrets: `whsec_` + base64 of 24 random bytes (Standard Webhooks), stored encrypted
// with AES-256-GCM under a key derived (HKDF-SHA256) from the server's token pepper, so a copy of the
// database alone does not let anyone forge deliveries. Changing BEACON_TOKEN_PEPPER makes them unreadable.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { tokenPepper } from "../config.ts";

const VERSION = "v1";

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", tokenPepper(), "beacon", "webhook signing secrets v1", 32));
}

export function generateSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), sealed.toString("base64")].join(":");
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, sealed] = stored.split(":");
  if (version !== VERSION || !iv || !tag || !sealed) throw new Error("unreadable webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64")), decipher.final()]).toString("utf8");
}
