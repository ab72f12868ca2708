// Reads the credentials a request presents, without judging them yet (API.md §2): the token headers,
// Basic auth, and tokens wrongly put in the URL. Syntax errors are reported in the order of API.md.
import { TOKEN_KEY_HEADERS } from "../credential-headers.ts";
import { ApiError, DETAIL } from "../errors.ts";

type KeyHeader = Lowercase<(typeof TOKEN_KEY_HEADERS)[number]["name"]>;
export type TokenHeader = "authorization" | KeyHeader;

export interface PresentedCredentials {
  /** The token key, when one was sent in any of the token headers. */
  key: string | null;
  /** Which header carried it (the first one, when the same key came twice). */
  keyHeader: TokenHeader | null;
  /** Basic email:password, when sent. */
  basic: { email: string; password: string } | null;
}

const URL_TOKEN_PARAMS = ["api_key", "apikey", "api-key", "token", "access_token"];
const TOKEN_HEADERS = TOKEN_KEY_HEADERS.map((h) => h.name.toLowerCase() as KeyHeader);
// Visible ASCII: a key can only ever be made of these.
const TOKEN_CHARS = /^[\x21-\x7e]+$/;

interface RawValue {
  header: TokenHeader;
  scheme: "token" | "basic" | "other";
  value: string;
}

function splitAuthorization(header: string): RawValue {
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  const scheme = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space === -1 ? "" : trimmed.slice(space).trim();
  if (scheme === "token" || scheme === "bearer") return { header: "authorization", scheme: "token", value: rest };
  if (scheme === "basic") return { header: "authorization", scheme: "basic", value: rest };
  return { header: "authorization", scheme: "other", value: trimmed };
}

function checkTokenSyntax(value: string): void {
  if (value === "") throw new ApiError(401, DETAIL.tokenHeaderEmpty);
  if (/\s/.test(value)) throw new ApiError(401, DETAIL.tokenHeaderSpaces);
  if (!TOKEN_CHARS.test(value)) throw new ApiError(401, DETAIL.tokenHeaderChars);
}

function parseBasic(value: string): { email: string; password: string } {
  if (value === "") throw new ApiError(401, DETAIL.basicHeaderEmpty);
  if (/\s/.test(value)) throw new ApiError(401, DETAIL.basicHeaderSpaces);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 === 1) throw new ApiError(401, DETAIL.basicHeaderEncoding);
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon === -1) throw new ApiError(401, DETAIL.basicHeaderEncoding);
  return { email: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Whether the request names a token in its query string (refused: URLs end up in logs). */
export function hasTokenInUrl(url: URL): boolean {
  for (const name of url.searchParams.keys()) {
    if (URL_TOKEN_PARAMS.includes(name.toLowerCase())) return true;
  }
  return false;
}

/**
 * The credentials in the request's headers. Throws the 400s (token in the URL, conflicting keys) and
 * the 401s for malformed headers, in API.md's order.
 */
export function readCredentials(req: Request, url: URL): PresentedCredentials {
  if (hasTokenInUrl(url)) throw new ApiError(400, DETAIL.tokenInUrl);

  // A header sent twice arrives joined by ", " (keys and Basic credentials never contain commas):
  // each copy counts on its own, so two different keys (or Basic pairs) conflict and the same one twice is fine.
  const raw: RawValue[] = [];
  const authorization = req.headers.get("authorization");
  if (authorization !== null) for (const part of authorization.split(",")) raw.push(splitAuthorization(part));
  for (const header of TOKEN_HEADERS) {
    const value = req.headers.get(header);
    if (value !== null) for (const part of value.split(",")) raw.push({ header, scheme: "token", value: part.trim() });
  }

  const tokens = raw.filter((r) => r.scheme === "token");
  const distinct = new Set(tokens.map((t) => t.value).filter((v) => v !== ""));
  if (distinct.size > 1) throw new ApiError(400, DETAIL.conflictingCredentials);
  const basics = new Set(raw.filter((r) => r.scheme === "basic").map((r) => r.value));
  if (basics.size > 1) throw new ApiError(400, DETAIL.conflictingCredentials);

  const other = raw.find((r) => r.scheme === "other");
  if (other) throw new ApiError(401, DETAIL.authorizationScheme);
  for (const t of tokens) checkTokenSyntax(t.value);
  const basicRaw = raw.find((r) => r.scheme === "basic");
  const basic = basicRaw ? parseBasic(basicRaw.value) : null;

  return { key: tokens[0]?.value ?? null, keyHeader: tokens[0]?.header ?? null, basic };
}

/** Whether the request sends a token (in a key header, or `Authorization: Token|Bearer`), however malformed: a 401 then says `invalid_token`. */
export function presentsToken(req: Request): boolean {
  return TOKEN_HEADERS.some((h) => req.headers.has(h)) || /^\s*(token|bearer)\b/i.test(req.headers.get("authorization") ?? "");
}

/** Whether the request carries any header credential (these win over the session cookie). */
export function hasHeaderCredentials(c: PresentedCredentials): boolean {
  return c.key !== null || c.basic !== null;
}
