// CSRF for cookie-authenticated unsafe requests (API.md §2): the Origin (or, without it, the Referer)
// must be Beacon's own origin. Header credentials cannot be sent by a cross-site form, so they are exempt.
import { ApiError, DETAIL } from "../errors.ts";
import { requestOrigin } from "../net.ts";

function originOf(value: string | null): string | null {
  if (!value || value === "null") return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** Whether the request's Origin header names another site (a cross-origin request). */
export function isCrossOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  return origin !== null && originOf(origin) !== requestOrigin(req);
}

export function assertSameOrigin(req: Request): void {
  const origin = originOf(req.headers.get("origin")) ?? (req.headers.get("origin") === null ? originOf(req.headers.get("referer")) : null);
  if (origin === null || origin !== requestOrigin(req)) throw new ApiError(403, DETAIL.csrf);
}
