// Who is this request? Every credential form of API.md §2, checked in one place and in its order:
// token in URL → conflicting credentials → header syntax → throttling → the credential itself
// (then expired, disabled, inactive user) → source IP. CSRF and permissions follow in the wrapper.
import { ApiError, DETAIL } from "../errors.ts";
import { cidrMatcher, requestClientIp } from "../net.ts";
import { readCredentials, hasHeaderCredentials } from "./credentials.ts";
import { digestKey, digestsEqual, isPlausibleKey } from "./keys.ts";
import { anonymousPermissions, effectivePermissions, isSafeMethod, permissionListColumn } from "./permissions.ts";
import { authenticatePassword } from "./password-auth.ts";
import { readSessionUser } from "./session.ts";
import { isCrossOrigin } from "./csrf.ts";
import { assertInvalidTokenAllowed, countInvalidToken } from "./throttle.ts";
import { noteAttack } from "../audit/attacks.ts";
import { toPrincipalUser, type Principal, type PrincipalToken } from "./principal.ts";
import { findPublicRolePermissions, findTokenByDigest } from "./lookups.ts";
import { stringListColumn } from "../lists.ts";
import { noteTokenUse } from "./token-usage.ts";

// One matcher per distinct allowed-IPs list (the codec hands back the same frozen list for the same text).
const allowedIpMatchers = new WeakMap<string[], (ip: string) => boolean>();

function allowedFrom(allowedIps: string[], ip: string): boolean {
  let matches = allowedIpMatchers.get(allowedIps);
  if (!matches) allowedIpMatchers.set(allowedIps, (matches = cidrMatcher(allowedIps)));
  return matches(ip);
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

/** A 401 for a presented token: these carry `error="invalid_token"` in WWW-Authenticate. */
function tokenError(detail: string): ApiError {
  return new ApiError(401, detail, {}, { "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"' });
}

async function invalidToken(ip: string): Promise<never> {
  await countInvalidToken(ip);
  await noteAttack("auth.invalid_token", ip);
  throw tokenError(DETAIL.invalidToken);
}

async function authenticateToken(key: string, ip: string) {
  // A key that cannot be live (wrong shape, bad bcn_ checksum) is refused before any database read.
  if (!isPlausibleKey(key)) return invalidToken(ip);
  const digest = digestKey(key);
  const row = await findTokenByDigest(digest);
  if (!row) return invalidToken(ip);
  const now = Date.now();
  const viaGraceKey = !digestsEqual(row.digest, digest);
  if (viaGraceKey) {
    const graceOk = row.previousDigest !== null && digestsEqual(row.previousDigest, digest) && row.previousExpiresAt !== null && row.previousExpiresAt.getTime() > now;
    if (!graceOk) return invalidToken(ip);
  }
  const refusal = row.expiresAt && row.expiresAt.getTime() <= now ? DETAIL.tokenExpired : !row.enabled ? DETAIL.tokenDisabled : !row.user.active ? DETAIL.userInactive : null;
  if (refusal) {
    // A throttled client learns nothing, not even that a guess named a real (but dead) token.
    await assertInvalidTokenAllowed(ip);
    throw tokenError(refusal);
  }
  // A pre-refresh key lives only until its grace window ends: that is its expiry.
  const expiresAt = viaGraceKey ? earliest(row.expiresAt, row.previousExpiresAt) : row.expiresAt;
  const token: PrincipalToken = {
    id: row.id,
    display: row.display,
    description: row.description,
    expiresAt,
    writeEnabled: row.writeEnabled,
    allowedIps: stringListColumn.decode(row.allowedIps),
    scopes: permissionListColumn.decode(row.scopes),
    viaGraceKey,
  };
  return { token, user: toPrincipalUser(row.user), lastUsedAt: row.lastUsedAt };
}

async function anonymous(ip: string, receivedAt: Date): Promise<Principal> {
  // Settings and the public role: read once per request, in one statement.
  const stored = await findPublicRolePermissions();
  const rolePermissions = stored === null ? null : permissionListColumn.decode(stored);
  return { user: null, method: null, token: null, permissions: anonymousPermissions(rolePermissions), ip, loginRequired: rolePermissions === null, receivedAt };
}

export async function authenticate(req: Request, url: URL): Promise<Principal> {
  const receivedAt = new Date();
  const credentials = readCredentials(req, url);
  const ip = requestClientIp(req);

  if (credentials.key !== null) {
    const found = await authenticateToken(credentials.key, ip);
    if (credentials.basic) {
      // Crux: a key may come with the username and password; both must hold and name the same user.
      const basicUser = await authenticatePassword(credentials.basic.email, credentials.basic.password, ip);
      if (basicUser.id !== found.user.id) throw new ApiError(400, DETAIL.conflictingCredentials);
    }
    if (found.token.allowedIps.length > 0 && !allowedFrom(found.token.allowedIps, ip)) {
      throw new ApiError(403, `Source IP ${ip} is not permitted to authenticate using this token.`);
    }
    await noteTokenUse({ id: found.token.id, lastUsedAt: found.lastUsedAt }, ip);
    return {
      user: found.user,
      method: "token",
      token: found.token,
      permissions: effectivePermissions(found.user.role.permissions, found.token),
      ip,
      receivedAt,
    };
  }

  if (credentials.basic) {
    const user = await authenticatePassword(credentials.basic.email, credentials.basic.password, ip);
    return { user, method: "basic", token: null, permissions: effectivePermissions(user.role.permissions), ip, receivedAt };
  }

  // Header credentials (above) win over the cookie. Cookies are never accepted cross-origin: ignored on
  // reads, and on writes a live session is refused as CSRF (API.md §2) so the caller learns why.
  const crossOrigin = isCrossOrigin(req);
  if (!hasHeaderCredentials(credentials) && (!crossOrigin || !isSafeMethod(req.method))) {
    const sessionUser = await readSessionUser(req);
    if (sessionUser) {
      if (crossOrigin) throw new ApiError(403, DETAIL.csrf);
      return { user: sessionUser, method: "session", token: null, permissions: effectivePermissions(sessionUser.role.permissions), ip, receivedAt };
    }
  }
  return anonymous(ip, receivedAt);
}
