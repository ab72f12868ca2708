// The status page's machine-readable outputs outside /api (the feeds, the badge): anonymous, the same for
// every caller (credentials are not read), shared through the public cache with a strong ETag, and served
// from the last good copy while the database is down.
import { badgeSvg, statusBadge } from "../badge/index.ts";
import { statusFeed, type FeedFormat } from "../feeds/index.ts";
import { requestOrigin } from "../net.ts";
import { cachedAnswer, type Built } from "../public-cache/index.ts";
import { sharedResponse } from "./shared-response.ts";

const FEED_TYPES: Record<FeedFormat, string> = { rss: "application/rss+xml; charset=utf-8", atom: "application/atom+xml; charset=utf-8" };
const SVG = "image/svg+xml; charset=utf-8";
const text = (status: number, body: string, type: string, headers: Record<string, string> = {}): Built => ({ status, body: Buffer.from(body), headers: { "Content-Type": type, ...headers } });

/** `?component=` as an id: null when absent, NaN when not a positive integer (then a 404). */
function componentParam(url: URL): number | null {
  const raw = url.searchParams.get("component");
  if (raw === null) return null;
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
}

async function serve(req: Request, key: string, build: () => Promise<Built>, unavailable: () => Built): Promise<Response> {
  try {
    return sharedResponse(req, await cachedAnswer(key, build, { serveStaleOnOutage: true }), "Accept-Encoding");
  } catch (err) {
    console.error(`${key}: no copy to serve:`, (err as Error)?.message);
    return sharedResponse(req, unavailable(), "Accept-Encoding");
  }
}

const UNAVAILABLE = { "Retry-After": "5", "Cache-Control": "no-store" };

/** GET/HEAD of /feed.rss and /feed.atom. */
export function feedRoute(format: FeedFormat) {
  return async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const origin = requestOrigin(req);
    const component = componentParam(url);
    return serve(
      req,
      `feed ${format} ${origin} ${component}`,
      async () => {
        const xml = Number.isNaN(component) ? null : await statusFeed(format, origin, component);
        return xml === null ? text(404, "Not found.\n", "text/plain; charset=utf-8") : text(200, xml, FEED_TYPES[format]);
      },
      () => text(503, "Service temporarily unavailable.\n", "text/plain; charset=utf-8", UNAVAILABLE),
    );
  };
}

/** GET/HEAD of /badge.svg (overall) and /badge.svg?component={id}. */
export async function badgeRoute(req: Request): Promise<Response> {
  const component = componentParam(new URL(req.url));
  return serve(
    req,
    `badge ${component}`,
    async () => {
      const svg = Number.isNaN(component) ? null : await statusBadge(component);
      return svg === null ? text(404, badgeSvg("status", "unknown component", "unknown"), SVG) : text(200, svg, SVG);
    },
    () => text(503, badgeSvg("status", "unavailable", "unknown"), SVG, UNAVAILABLE),
  );
}
