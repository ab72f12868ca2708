// Browser and HTTP tests against the production build, served by Beacon's own server exactly as
// `npm start` serves it, on a fresh SQLite database in a temp folder, in Debian's Chromium.
import { defineConfig } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const port = Number(process.env.E2E_PORT || 3100 + (process.pid % 500));
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DATA_DIR || fs.mkdtempSync(path.join(os.tmpdir(), "beacon-e2e-"));
process.env.E2E_DATA_DIR = dataDir;
export const E2E_ADMIN = { email: "admin@example.com", password: "e2e-admin-password-123" };

export default defineConfig({
  testDir: "./e2e",
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json"]],
  use: {
    baseURL,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "node --import tsx scripts/start.ts",
    url: `${baseURL}/api/v1/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      BEACON_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "beacon.db")}`,
      BEACON_ADMIN_EMAIL: E2E_ADMIN.email,
      BEACON_ADMIN_PASSWORD: E2E_ADMIN.password,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
