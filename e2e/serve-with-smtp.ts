// The Playwright web server: Beacon exactly as `npm start` runs it (the compiled server, same node flags),
// with a capturing SMTP server started first (ephemeral port) and handed to it as BEACON_SMTP_URL. Every
// accepted mail is written as JSON into $BEACON_DATA_DIR/mail, where specs read it (e2e/helpers.ts `mailTo`).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startSmtpCapture } from "../tests/helpers/smtp.ts";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(process.env.BEACON_DATA_DIR || ".", "mail");
const smtp = await startSmtpCapture({ dir });
console.log(`Capturing e-mail on 127.0.0.1:${smtp.port} into ${dir}`);

// `npm start`'s own command line (package.json), so the browser tests run what users run.
const start = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.start as string;
const [, ...args] = start.split(/\s+/);
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, BEACON_SMTP_URL: smtp.url, BEACON_MAIL_FROM: process.env.BEACON_MAIL_FROM || "Beacon e2e <status@e2e.test>" },
});
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  void smtp.close().finally(() => process.exit(code ?? (signal ? 1 : 0)));
});
