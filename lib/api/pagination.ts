// NetBox-style pagination (API.md §1): a page of results as {count, next, previous, results}, with
// absolute URLs that keep the other query parameters. Pages themselves are lib/paging.ts.
import type { Page } from "../paging.ts";
import { requestOrigin } from "../net.ts";

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
