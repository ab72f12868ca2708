// The Playwright web server: Beacon exactly as `npm start` runs it, with a capturing SMTP server started
// first (ephemeral port) and handed to it as BEACON_SMTP_URL. Every accepted mail is written as JSON into
// $BEACON_DATA_DIR/mail, where specs read it (e2e/helpers.ts `mailTo`).
import path from "node:path";
import { startSmtpCapture } from "../tests/helpers/smtp.ts";

const dir = path.join(process.env.BEACON_DATA_DIR || ".", "mail");
const smtp = await startSmtpCapture({ dir });
process.env.BEACON_SMTP_URL = smtp.url;
process.env.BEACON_MAIL_FROM ||= "Beacon e2e <status@e2e.test>";
console.log(`Capturing e-mail on 127.0.0.1:${smtp.port} into ${dir}`);
await import("../scripts/start.ts");
