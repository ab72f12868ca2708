// NetBox-style pagination (API.md §1): ?limit= (default 50; 0 or over 1000 means 1000) and ?offset=,
// answering {count, next, previous, results} with absolute URLs that keep the other query parameters.
import { validationError, type FieldErrors } from "./errors.ts";
import { requestOrigin } from "../net.ts";
import type { PageWindow } from "../db/paged.ts";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;
const MAX_OFFSET = 2_147_483_647;

/** The window a list request asks for; the domains' paged queries (lib/db/paged) take the same. */
export type Page = PageWindow;

export function parsePage(url: URL): Page {
  const errors: FieldErrors = {};
  const read = (name: "limit" | "offset"): number | null => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === "") return null;
    if (!/^\d+$/.test(raw.trim())) {
      errors[name] = ["A non-negative integer is required."];
      return null;
    }
    return Number(raw.trim());
  };
  const limit = read("limit");
  const offset = read("offset");
  if (Object.keys(errors).length) throw validationError(errors);
  return clampPage(limit, offset);
}

/** The same page from numbers (GraphQL's `limit` and `offset` arguments): negative ones are a validation error. */
export function pageOf(limit: number | null | undefined, offset: number | null | undefined): Page {
  const errors: FieldErrors = {};
  if (limit != null && limit < 0) errors.limit = ["A non-negative integer is required."];
  if (offset != null && offset < 0) errors.offset = ["A non-negative integer is required."];
  if (Object.keys(errors).length) throw validationError(errors);
  return clampPage(limit ?? null, offset ?? null);
}

function clampPage(limit: number | null, offset: number | null): Page {
  return {
    limit: limit === null ? DEFAULT_LIMIT : limit === 0 || limit > MAX_LIMIT ? MAX_LIMIT : limit,
    // Past any possible count (and within what the databases accept): an empty page, never a 500.
    offset: Math.min(offset ?? 0, MAX_OFFSET),
  };
}

function pageUrl(req: Request, url: URL, limit: number, offset: number): string {
  const target = new URL(url.pathname + url.search, requestOrigin(req));
  target.searchParams.set("limit", String(limit));
  if (offset > 0) target.searchParams.set("offset", String(offset));
  else target.searchParams.delete("offset");
  return target.toString();
}

export function paginated<T>(req: Request, url: URL, page: Page, count: number, results: T[]) {
  const { limit, offset } = page;
  const next = offset + limit < count ? pageUrl(req, url, limit, offset + limit) : null;
  const previous = offset > 0 ? pageUrl(req, url, limit, Math.max(0, Math.min(offset - limit, Math.max(0, count - limit)))) : null;
  return { count, next, previous, results };
}
