// Server secrets: the next-auth session secret and the token pepper. Taken from the environment when
// given there (several instances must share them), else from data/secrets.json (mode 0600, outside
// git), which the first run creates.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "./config.ts";

interface SecretsFile {
  session_secret: string;
  token_pepper: string;
}

export function secretsPath(): string {
  return path.join(dataDir(), "secrets.json");
}

/** Makes sure NEXTAUTH_SECRET and BEACON_TOKEN_PEPPER are set; returns whether the file was created now. */
export function loadSecrets(): { created: boolean; file: string | null } {
  if (process.env.NEXTAUTH_SECRET && process.env.BEACON_TOKEN_PEPPER) return { created: false, file: null };
  const file = secretsPath();
  let secrets: Partial<SecretsFile> = {};
  if (fs.existsSync(file)) secrets = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<SecretsFile>;
  let created = false;
  if (!secrets.session_secret || !secrets.token_pepper) {
    secrets = {
      session_secret: secrets.session_secret || randomBytes(32).toString("base64url"),
      token_pepper: secrets.token_pepper || randomBytes(32).toString("base64url"),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
    created = true;
  }
  fs.chmodSync(file, 0o600);
  process.env.NEXTAUTH_SECRET ||= secrets.session_secret;
  process.env.BEACON_TOKEN_PEPPER ||= secrets.token_pepper;
  return { created, file };
}
