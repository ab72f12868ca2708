// Content negotiation for the API (API.md §5): JSON for scripts, the browsable HTML page for browsers.
// `?format=json` always means JSON and `?format=api` HTML; otherwise HTML only when the Accept header
// prefers text/html (or XHTML) to application/json, so curl's `*/*` and an absent header get JSON.

export type ResponseFormat = "json" | "html";

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(",")) {
    const [range, ...params] = part.split(";").map((s) => s.trim());
    const slash = range.indexOf("/");
    if (slash <= 0 || slash === range.length - 1) continue;
    let q = 1;
    for (const param of params) {
      const m = /^q\s*=\s*([0-9.]+)$/i.exec(param);
      if (m) q = Number.isFinite(Number(m[1])) ? Math.min(1, Math.max(0, Number(m[1]))) : 0;
    }
    ranges.push({ type: range.slice(0, slash).toLowerCase(), subtype: range.slice(slash + 1).toLowerCase(), q });
  }
  return ranges;
}

/** The quality the Accept ranges give `type/subtype`: that of the most specific matching range (RFC 9110 §12.5.1). */
function qualityOf(ranges: MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.split("/");
  let best = { specificity: -1, q: 0 };
  for (const r of ranges) {
    const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === "*" ? 1 : r.type === "*" && r.subtype === "*" ? 0 : -1;
    if (specificity > best.specificity) best = { specificity, q: r.q };
  }
  return best.q;
}

/** Whether this request gets the browsable HTML page or JSON. */
export function negotiateFormat(req: Request, url: URL = new URL(req.url)): ResponseFormat {
  const format = url.searchParams.get("format")?.trim().toLowerCase();
  if (format === "json") return "json";
  if (format === "api") return "html";
  const accept = req.headers.get("accept");
  if (!accept) return "json";
  const ranges = parseAccept(accept);
  const html = Math.max(qualityOf(ranges, "text/html"), qualityOf(ranges, "application/xhtml+xml"));
  // A tie (`*/*`, or both listed alike) is JSON: scripts must never get HTML by accident.
  return html > qualityOf(ranges, "application/json") ? "html" : "json";
}
