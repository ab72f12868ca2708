// The bad-input fuzzer's request generator (fast-check), shared by tests/integration/fuzz-bad-input.test.ts
// (in-process, in `npm test`) and bench/fuzz.ts (the real server, longer). Requests mix methods, every
// route of app/api with odd ids and segments, query strings, credentials of every style (valid, unknown,
// malformed, conflicting), Accept/Content-Type variants and bodies from valid JSON to garbage. The
// property checked is only API.md's: a status it names, never a 5xx, never a presented credential echoed.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { checksumOf } from "../../lib/auth/keys.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Statuses API.md names. */
export const API_STATUSES = new Set([200, 201, 204, 400, 401, 403, 404, 405, 409, 413, 415, 429]);

export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export const UNKNOWN_METHODS = ["TRACE", "PROPFIND", "MKCOL", "PURGE", "LOCK", "SEARCH", "REPORT", "FOO"] as const;

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  ip: string;
  /** Credential material sent in this request that no response may contain. */
  secrets: string[];
}

export interface FuzzCredentials {
  /** A valid token of an admin (writes happen, so validation paths run). */
  adminKey: string;
  adminEmail: string;
  adminPassword: string;
}

/**
 * Route templates of app/api, as segment lists (`[id]` and `[...path]` kept as such); next-auth's
 * /api/auth/* (its own conventions, not API.md's) only when asked.
 */
export function apiRouteTemplates(options: { nextAuth?: boolean } = {}): string[][] {
  const out: string[][] = [];
  const walk = (dir: string, prefix: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), [...prefix, entry.name]);
      else if (entry.name === "route.ts") out.push(prefix);
    }
  };
  walk(path.join(ROOT, "app/api"), ["api"]);
  return out.filter((t) => options.nextAuth || t[1] !== "auth").sort((a, b) => a.join("/").localeCompare(b.join("/")));
}

/** `arb` in about one request in `every`, else absent. */
const rarely = <T>(arb: fc.Arbitrary<T>, every: number) => fc.oneof({ weight: every - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const printable = (max = 40) => fc.string({ maxLength: max });
/** Header values: printable ASCII only (what an HTTP client can send at all). */
const headerText = (max = 60) => fc.string({ maxLength: max }).map((s) => s.replace(/[^\x20-\x7e]/g, ""));
const secretText = fc.stringMatching(/^[A-Za-z0-9]{16,40}$/);

const oddSegment = fc.oneof(
  fc.nat({ max: 50 }).map(String),
  fc.constantFrom("0", "-1", "1.5", "1e3", "99999999999999999999", "9007199254740993", "abc", "self", "null", "undefined", "..", "%2e%2e", "%00", "%20", "%E2%82%AC", "__proto__", "constructor", "groups", "updates", "refresh"),
  fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent),
);

function segmentFor(template: string): fc.Arbitrary<string> {
  if (template.startsWith("[...")) return fc.array(oddSegment, { minLength: 1, maxLength: 3 }).map((s) => s.join("/"));
  if (template.startsWith("[")) return oddSegment;
  return fc.constant(template);
}

const pathArb = (templates: string[][]) =>
  fc
    .tuple(
      fc.constantFrom(...templates).chain((t) => fc.tuple(...t.map(segmentFor))),
      fc.boolean(),
      fc.array(oddSegment, { maxLength: 2 }),
      fc.nat({ max: 9 }),
    )
    .map(([segments, slash, extra, pick]) => {
      // Mostly the route itself; sometimes with segments appended (an unknown path under it).
      const all = pick === 0 ? [...segments, ...extra] : segments;
      return `/${all.join("/")}${slash ? "/" : ""}`;
    });

const queryKey = fc.oneof(
  fc.constantFrom("limit", "offset", "format", "ordering", "status", "enabled", "visible", "published", "user_id", "group_id", "component_id", "search", "q", "id", "name", "slug", "query", "variables", "operationName", "api_key", "token", "access_token", "indent"),
  printable(10),
);
const queryValue = fc.oneof(
  fc.constantFrom("", "0", "1", "-1", "1000", "1001", "1e309", "NaN", "Infinity", "true", "false", "api", "json", "html", "name", "-name", "id,-name", "{ me { email } }", "{ components { name } }", '{"a":1}', "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]"),
  printable(30),
  fc.integer().map(String),
);
const queryArb = fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }).map((pairs) => {
  if (pairs.length === 0) return "";
  const params = new URLSearchParams();
  for (const [k, v] of pairs) params.append(k, v);
  return `?${params}`;
});

const acceptArb = fc.option(
  fc.oneof(
    fc.constantFrom("application/json", "application/json; indent=4", "application/json; indent=99", "application/json; indent=-3", "application/json; indent=x", "text/html", "text/html,application/xhtml+xml,*/*;q=0.8", "*/*", "text/*", "application/xml", "text/html;q=0.1, application/json", ""),
    headerText(40),
  ),
  { nil: undefined },
);
const contentTypeArb = fc.option(
  fc.oneof(
    fc.constantFrom("application/json", "application/JSON; charset=utf-8", "application/json;", "application/merge-patch+json", "application/vnd.api+json", "text/plain", "text/html", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/json; charset=latin1", ";", ""),
    headerText(40),
  ),
  { nil: undefined },
);

interface CredentialChoice {
  headers: Record<string, string>;
  secrets: string[];
}

function credentialArb(creds: FuzzCredentials): fc.Arbitrary<CredentialChoice> {
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const none: CredentialChoice = { headers: {}, secrets: [] };
  const valid = fc.constantFrom<CredentialChoice>(
    { headers: { Authorization: `Token ${creds.adminKey}` }, secrets: [] },
    { headers: { Authorization: `bearer ${creds.adminKey}` }, secrets: [] },
    { headers: { "X-Api-Key": creds.adminKey }, secrets: [] },
    { headers: { "X-Cachet-Token": creds.adminKey }, secrets: [] },
    { headers: { "api-key": creds.adminKey }, secrets: [] },
  );
  // Unknown keys: well-formed (valid checksum), bad checksum, any scheme and shape.
  const unknown = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9]{30}$/).map((random) => ({ headers: { "X-Api-Key": `bcn_${random}${checksumOf(random)}` }, secrets: [random] })),
    secretText.map((s) => ({ headers: { Authorization: `Token bcn_${s}` }, secrets: [s] })),
    fc.tuple(fc.constantFrom("Token", "Bearer", "token", "BEARER", "Digest", "Negotiate", ""), headerText(50)).map(([scheme, v]) => ({ headers: { Authorization: `${scheme} ${v}`.trim() }, secrets: [] })),
  );
  // Basic (each costs an argon2 verification, so fewer of them): the right password, a wrong one,
  // an unknown account, broken base64.
  const basic = fc.oneof(
    fc.constant<CredentialChoice>({ headers: { Authorization: `Basic ${b64(`${creds.adminEmail}:${creds.adminPassword}`)}` }, secrets: [] }),
    secretText.map((pw) => ({ headers: { Authorization: `Basic ${b64(`${creds.adminEmail}:${pw}`)}` }, secrets: [pw] })),
    fc.tuple(printable(20), secretText).map(([user, pw]) => ({ headers: { Authorization: `Basic ${b64(`${user}:${pw}`)}` }, secrets: [pw] })),
    headerText(30).map((v) => ({ headers: { Authorization: `Basic ${v}` }, secrets: [] })),
  );
  // Two different keys in one request (a conflict); a key in the URL comes from the query arbitrary.
  const conflicting = fc.oneof(
    secretText.map((s) => ({ headers: { Authorization: `Token ${creds.adminKey}`, "X-Api-Key": `bcn_${s}` }, secrets: [s] })),
    fc.tuple(secretText, secretText).map(([a, b]) => ({ headers: { "X-Cachet-Token": `k${a}`, "api-key": `k${b}` }, secrets: [a, b] })),
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(none) },
    { weight: 4, arbitrary: valid },
    { weight: 3, arbitrary: unknown },
    { weight: 1, arbitrary: basic },
    { weight: 1, arbitrary: conflicting },
  );
}

const FIELDS = ["name", "description", "status", "email", "username", "password", "keys", "key", "query", "variables", "operationName", "title", "slug", "body", "items", "label", "url", "page_id", "permissions", "public_role_id", "site_name", "expires_at", "allowed_ips", "scopes", "write_enabled", "enabled", "grace_seconds", "user_id", "role", "role_id", "component_id", "component_status", "group_id", "order", "collapsed", "visible", "published", "message", "occurred_at", "scheduled_at", "create_token", "active", "can_manage_tokens", "__proto__", "constructor"];

const leafValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.integer(),
  fc.integer({ min: -1, max: 5 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "2026-11-22T10:00:00.000Z", "not a date", "10.0.0.0/8", "::1/129", "999.1.1.1", "components:read", "components:write", "nope:read", "Admin", "Public", "http://example.com", "javascript:alert(1)", "x".repeat(300)),
);
const fieldValue = fc.oneof(
  { weight: 4, arbitrary: leafValue },
  fc.array(leafValue, { maxLength: 4 }),
  fc.dictionary(fc.constantFrom(...FIELDS), leafValue, { maxKeys: 3 }),
  fc.array(fc.dictionary(fc.constantFrom("label", "url", "page_id", "name"), leafValue, { maxKeys: 3 }), { maxLength: 3 }),
);
const GRAPHQL_DOCS = [
  "{ me { email } }",
  "{ components { id name status } }",
  "query($id: Int!) { component(id: $id) { name } }",
  "mutation { createComponent(input: {name: \"x\", status: 1}) { id } }",
  "mutation($s: Int!) { updateComponent(id: 1, input: {status: $s}) { name } }",
  "{ incidents { updates { message } } }",
  "{ __schema { types { name } } }",
  "{ a: me { email } b: me { email } }",
  "{",
  "query { components { name } } query { me { email } }",
];

const bodyArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 5 }).map((o) => JSON.stringify(o)) },
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.tuple(fc.oneof(fc.constantFrom(...GRAPHQL_DOCS), printable(60)), fc.option(fc.dictionary(printable(8), leafValue, { maxKeys: 3 }), { nil: undefined })).map(([query, variables]) => JSON.stringify({ query, variables })),
  fc.constantFrom("{", "[", "}", "{\"a\":}", "{'a': 1}", "null", "true", "1", "\"x\"", "[]", "{}", "{\"a\":1}{", "\u0000", "\ufeff{}", "{\"name\":\"\\ud800\"}", "{\"status\":1e999}", "{\"keys\":" + "[".repeat(70) + "]".repeat(70) + "}", "[".repeat(5000), "{\"a\":".repeat(5000) + "1" + "}".repeat(5000)),
  printable(80),
  // Deep nesting, as an object of objects or arrays in arrays, at a random depth.
  fc.tuple(fc.integer({ min: 1, max: 8000 }), fc.boolean()).map(([depth, arrays]) => (arrays ? "[".repeat(depth) + "]".repeat(depth) : '{"name":'.repeat(depth) + '"x"' + "}".repeat(depth))),
  fc.nat({ max: 2 }).map((n) => JSON.stringify({ name: "x".repeat(1024 * 1024 + n) })),
);

export function requestArbitrary(creds: FuzzCredentials, options: { unknownMethods?: boolean; templates?: string[][] } = {}): fc.Arbitrary<FuzzRequest> {
  const templates = options.templates ?? apiRouteTemplates();
  const method = options.unknownMethods
    ? fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...METHODS) }, { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_METHODS) })
    : fc.constantFrom(...METHODS);
  return fc
    .record({
      method,
      path: pathArb(templates),
      query: queryArb,
      accept: acceptArb,
      contentType: contentTypeArb,
      credential: credentialArb(creds),
      origin: fc.option(fc.constantFrom("http://beacon.test", "http://evil.test", "null", "http://127.0.0.1"), { nil: undefined }),
      cookie: fc.option(fc.oneof(fc.constant("next-auth.session-token=garbage"), headerText(40).map((v) => `x=${v.replace(/[;,]/g, "")}`)), { nil: undefined }),
      preflight: rarely(fc.constantFrom("GET", "POST", "DELETE", "X"), 10),
      forwardedFor: rarely(fc.oneof(fc.ipV4(), headerText(20)), 5),
      body: bodyArb,
      // Mostly a few addresses, so that failure throttling (429) is reached too.
      ip: fc.oneof({ weight: 1, arbitrary: fc.ipV4() }, { weight: 9, arbitrary: fc.constantFrom("192.0.2.10", "198.51.100.7", "2001:db8::1") }),
    })
    .map((r) => {
      const headers: Record<string, string> = { ...r.credential.headers };
      if (r.accept !== undefined) headers.Accept = r.accept;
      if (r.contentType !== undefined && r.body !== undefined) headers["Content-Type"] = r.contentType;
      if (r.origin) headers.Origin = r.origin;
      if (r.cookie) headers.Cookie = r.cookie;
      if (r.preflight) headers["Access-Control-Request-Method"] = r.preflight;
      if (r.forwardedFor) headers["X-Forwarded-For"] = r.forwardedFor;
      const secrets = [...r.credential.secrets];
      return { method: r.method, path: r.path + r.query, headers, body: r.body, ip: r.ip, secrets };
    });
}

/** Why a response breaks API.md for this request, or null. */
export function contractBreach(req: FuzzRequest, status: number, text: string): string | null {
  if (status >= 500) return `a ${status}`;
  // Pages (a `..` can climb out of /api/) and next-auth's routes follow their own conventions (redirects
  // and all): only "no 5xx, no echo" applies there.
  const pathname = new URL(req.path, "http://x").pathname;
  const api = /^\/api(\/|$)/.test(pathname) && !pathname.startsWith("/api/auth/");
  if (api && !API_STATUSES.has(status)) return `status ${status}, which API.md does not name`;
  for (const s of req.secrets) if (s.length >= 12 && text.includes(s)) return `the response echoes a presented credential (${s.slice(0, 4)}…)`;
  return null;
}

export function describeRequest(req: FuzzRequest): string {
  const body = req.body === undefined ? "" : ` body(${req.body.length}): ${req.body.slice(0, 120)}`;
  return `${req.method} ${req.path.slice(0, 200)} headers=${JSON.stringify(req.headers).slice(0, 300)} ip=${req.ip}${body}`;
}
