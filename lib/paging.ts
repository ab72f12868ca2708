// NetBox-style pages (API.md §1), below the HTTP layer: ?limit= (default 50; 0 or over 1000 means 1000)
// and ?offset=. Domain lists take a Page; lib/api/pagination.ts writes the {count, next, previous, results}.
import { validationError, type FieldErrors } from "./errors.ts";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;
const MAX_OFFSET = 2_147_483_647;

export interface Page {
  limit: number;
  offset: number;
}

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
