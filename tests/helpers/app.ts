// Integration-test harness: a fresh migrated database per test process, Beacon's setup run on it, and
// real `Request`s sent through the real route handlers of app/api (matched the way Next matches them).
import path from "node:path";
import { randomBytes } from "node:crypto";
import { after, describe } from "node:test";
import { createTestDatabase, postgresUnavailable, TEST_DB_KIND, type TestDatabase } from "./database.ts";
import { jsonShownIn, openApiValidator } from "./openapi.ts";
import { matchPath } from "../../lib/routes/index.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Why this process's database tests must be skipped (PostgreSQL pass with no server), else null. */
export const dbSkipReason: string | null = TEST_DB_KIND === "postgresql" ? await postgresUnavailable() : null;

/** `describe` that is skipped, with the printed reason, when the database of this pass is unreachable. */
export function describeDb(name: string, fn: () => void | Promise<void>) {
  return describe(`${name} [${TEST_DB_KIND}]`, { skip: dbSkipReason ?? false }, fn);
}

const API_DIR = path.join(ROOT, "app/api");

/**
 * The route file Next would run for `pathname`, and its params: the registry's own matcher (lib/routes)
 * names the declared path, whose folder under app/api serves it; other paths under /api/ reach
 * next-auth's route or the catch-all 404s.
 */
function matchRoute(pathname: string): { file: string; params: Record<string, string | string[]> } | null {
  const declared = matchPath(pathname);
  if (declared) {
    const folders = declared.template.split("/").filter(Boolean).slice(1).map((s) => s.replace(/^\{(.+)\}$/, "[$1]"));
    return { file: path.join(API_DIR, ...folders, "route.ts"), params: declared.params };
  }
  const parts = pathname.split("/").filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (parts[0] !== "api") return null;
  if (parts[1] === "auth" && parts.length > 2) return { file: path.join(API_DIR, "auth/[...nextauth]/route.ts"), params: { nextauth: parts.slice(2) } };
  if (parts[1] === "v1" && parts.length > 2) return { file: path.join(API_DIR, "v1/[...path]/route.ts"), params: { path: parts.slice(2) } };
  return parts.length > 1 ? { file: path.join(API_DIR, "[...path]/route.ts"), params: { path: parts.slice(1) } } : null;
}

export interface CallOptions {
  headers?: Record<string, string>;
  /** Sent as JSON with Content-Type application/json. */
  json?: unknown;
  /** Sent as is. */
  body?: string;
  /** The client address Beacon's server would report. */
  ip?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body; for a browsable HTML page, the JSON it shows. */
  body: any;
}

/** Whether a request may get the browsable HTML page: `?format=api`, or an Accept naming HTML. */
function asksForHtml(url: URL, headers: Headers): boolean {
  return url.searchParams.get("format") === "api" || /text\/(html|\*)|application\/xhtml\+xml/i.test(headers.get("accept") ?? "");
}

export const ORIGIN = "http://beacon.test";

export interface TestApp {
  db: TestDatabase;
  adminEmail: string;
  adminPassword: string;
  adminToken: string;
  call(method: string, pathAndQuery: string, options?: CallOptions): Promise<CallResult>;
}

async function startApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
  process.env.BEACON_TOKEN_PEPPER = randomBytes(32).toString("base64url");
  process.env.BEACON_DEMO = "0";
  process.env.BEACON_ADMIN_EMAIL = "admin@example.com";
  process.env.BEACON_ADMIN_PASSWORD = "correct horse battery staple";
  delete process.env.BEACON_PUBLIC_URL;
  const { markBeaconServer } = await import("../../lib/net.ts");
  markBeaconServer();
  const { runSetup } = await import("../../lib/setup.ts");
  const setup = await runSetup();
  cleanup = async () => {
    const { disconnectDb } = await import("../../lib/db.ts");
    await disconnectDb();
    await database.drop();
  };

  const modules = new Map<string, Promise<Record<string, Function>>>();
  async function call(method: string, pathAndQuery: string, options: CallOptions = {}): Promise<CallResult> {
    const url = new URL(pathAndQuery, ORIGIN);
    const match = matchRoute(url.pathname);
    if (!match) throw new Error(`no route file matches ${url.pathname}`);
    if (!modules.has(match.file)) modules.set(match.file, import(match.file));
    const mod = await modules.get(match.file)!;
    const handler = mod[method.toUpperCase()];
    if (!handler) throw new Error(`${match.file} exports no ${method}`);
    const headers = new Headers({ host: "beacon.test", "x-beacon-client-ip": options.ip ?? "192.0.2.10", ...options.headers });
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const req = new Request(url, { method: method.toUpperCase(), headers, body });
    const res: Response = await handler(req, { params: Promise.resolve(match.params) });
    const text = await res.text();
    const html = (res.headers.get("content-type") ?? "").toLowerCase().startsWith("text/html");
    if (html && !url.pathname.startsWith("/api/auth/") && !asksForHtml(url, headers)) {
      throw new Error(`${method} ${url.pathname}: an HTML page for a request that did not ask for one (Accept: ${headers.get("accept") ?? "none"})`);
    }
    // Every response of Beacon's own API must match the OpenAPI document (next-auth's routes are not part of it);
    // for a browsable HTML page, the JSON it shows.
    if (!url.pathname.startsWith("/api/auth/")) {
      openApiValidator().check({ method, pathname: url.pathname, status: res.status, contentType: res.headers.get("content-type"), text });
    }
    let parsed: unknown = null;
    try {
      const json = html ? jsonShownIn(text) : text;
      parsed = json ? JSON.parse(json) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  }

  return {
    db: database,
    adminEmail: setup.adminEmail,
    adminPassword: "correct horse battery staple",
    adminToken: setup.adminToken!,
    call,
  };
}

let appPromise: Promise<TestApp> | null = null;
let cleanup: (() => Promise<void>) | null = null;
// Registered at the top level, so it runs once this file's tests are all done.
after(async () => {
  await cleanup?.();
});

/** The app of this test process, started on first use. */
export function testApp(): Promise<TestApp> {
  appPromise ??= startApp();
  return appPromise;
}

export const basic = (email: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}` });
export const tokenHeader = (key: string) => ({ Authorization: `Token ${key}` });
