// A real SMTP server in the test process (the `smtp-server` package, on an ephemeral port) that keeps every
// message it accepts, parsed enough to read: headers, the plain-text and HTML parts, and the links in them.
// The Playwright config starts one too and writes each mail to a folder the specs read.
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
  // Percent-encode everything else that is not safe for decodeURIComponent, then decode as UTF-8.
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
}

function splitHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

function bodyOf(headers: Record<string, string>, body: string): string {
  const encoding = (headers["content-transfer-encoding"] ?? "").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

/** The parts of a MIME message, recursively (multipart/alternative, multipart/mixed). */
function parts(headers: Record<string, string>, body: string): { type: string; content: string }[] {
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [{ type: type.split(";")[0].trim().toLowerCase(), content: bodyOf(headers, body) }];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith("--"))
    .flatMap((chunk) => {
      const trimmed = chunk.replace(/^\r?\n/, "");
      const split = trimmed.search(/\r?\n\r?\n/);
      const h = splitHeaders(trimmed.slice(0, split));
      return parts(h, trimmed.slice(split).replace(/^\r?\n\r?\n/, "").replace(/\r?\n$/, ""));
    });
}

export function parseMail(raw: string, envelope: { from: string; to: string[] }): CapturedMail {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = splitHeaders(raw.slice(0, split));
  const all = parts(headers, raw.slice(split).replace(/^\r?\n\r?\n/, ""));
  return {
    ...envelope,
    headers,
    subject: decodeWords(headers.subject ?? ""),
    text: all.find((p) => p.type === "text/plain")?.content ?? "",
    html: all.find((p) => p.type === "text/html")?.content ?? "",
    raw,
  };
}

/** The absolute URLs in a mail's text part that start with `prefix` (e.g. `http://x/subscribe/confirm`). */
export function linksIn(mail: CapturedMail, pathPrefix: string): string[] {
  return [...mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]).filter((u) => new URL(u).pathname.startsWith(pathPrefix));
}

export interface SmtpCapture {
  url: string;
  port: number;
  mails: CapturedMail[];
  /** Resolves when `count` mails matching `filter` arrived (or rejects after `timeoutMs`). */
  waitFor(filter: (m: CapturedMail) => boolean, count?: number, timeoutMs?: number): Promise<CapturedMail[]>;
  /** Refuse every message with a 451 (temporary) until called again with false. */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

export async function startSmtpCapture(options: { dir?: string; user?: string; pass?: string } = {}): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  const waiters = new Set<() => void>();
  let refusing = false;
  const user = options.user ?? "beacon";
  const pass = options.pass ?? "smtp-test-password";
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authMethods: ["PLAIN", "LOGIN"],
    authOptional: false,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) return callback(null, { user });
      callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refusing) {
          const err = new Error("Try again later") as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const mail = parseMail(raw, {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        mails.push(mail);
        if (options.dir) {
          fs.mkdirSync(options.dir, { recursive: true });
          const file = path.join(options.dir, `${Date.now()}-${mails.length}.json`);
          fs.writeFileSync(`${file}.tmp`, JSON.stringify(mail));
          fs.renameSync(`${file}.tmp`, file);
        }
        for (const w of waiters) w();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    port,
    mails,
    refuse: (on) => {
      refusing = on;
    },
    waitFor(filter, count = 1, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = mails.filter(filter);
          if (found.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${count} mail(s); got ${mails.filter(filter).length} (${mails.length} in all)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
