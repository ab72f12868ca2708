// Passwords are stored as argon2id hashes (@node-rs/argon2 defaults: ~31 ms here).
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this when the account does not exist keeps the timing of "no such user" and
// "wrong password" alike.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hash("beacon-timing-equaliser");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A strong random password for generated accounts: 24 URL-safe characters (144 bits). */
export function randomPassword(): string {
  return randomBytes(18).toString("base64url");
}
