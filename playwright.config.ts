// Browser and HTTP tests against the production build, served by Beacon's own server exactly as
// `npm start` serves it, on a fresh SQLite database in a temp folder, in Debian's Chromium.
import { defineConfig } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ADMIN } from "./e2e/helpers";

// Computed once in the main process and handed to the workers through the environment.
const port = Number(process.env.E2E_PORT || 3100 + (process.pid % 500));
process.env.E2E_PORT = String(port);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DATA_DIR || fs.mkdtempSync(path.join(os.tmpdir(), "beacon-e2e-"));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: "./e2e",
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json"]],
  // The setup project signs the admin in once and saves the session for the specs' `adminTest` pages.
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"] },
  ],
  use: {
    baseURL,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // As `npm start` runs it (the compiled server with its memory flags), behind a capturing SMTP server
    // (e-mail on, each mail saved under E2E_DATA_DIR/mail): see e2e/serve-with-smtp.ts.
    command: "node --import tsx e2e/serve-with-smtp.ts",
    url: `${baseURL}/api/v1/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      BEACON_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "beacon.db")}`,
      BEACON_ADMIN_EMAIL: ADMIN.email,
      BEACON_ADMIN_PASSWORD: ADMIN.password,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      // e2e/webhook-deliveries.spec.ts runs its receiver on 127.0.0.1.
      BEACON_WEBHOOK_ALLOW_PRIVATE: "1",
    },
  },
});
