// The status badge: a shields.io-style flat SVG (label on grey, message on the status's colour), for
// READMEs and dashboards. Text is XML-escaped; widths come from per-character estimates of 11 px Verdana,
// as shields.io's own renderer does.
import { statusPage, type DisplayStatus } from "../status/index.ts";

const COLOURS: Record<DisplayStatus | "unknown", string> = {
  operational: "#2e7d32",
  degraded_performance: "#9a6700",
  partial_outage: "#c2410c",
  major_outage: "#b91c1c",
  under_maintenance: "#1d4ed8",
  unknown: "#5f6368",
};

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const NARROW = /[iIl.,:;!|'\u00b7 ()[\]jft]/;
const WIDE = /[mwMW@%]/;
/** Approximate rendered width of `text` at 11 px Verdana. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += NARROW.test(ch) ? 4 : WIDE.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 7.5 : 6.5;
  return Math.ceil(w);
}

/** The SVG of a badge reading `label | message` with the colour of `status`. */
export function badgeSvg(label: string, message: string, status: DisplayStatus | "unknown"): string {
  const l = textWidth(label) + 12;
  const m = textWidth(message) + 12;
  const colour = COLOURS[status];
  const [el, em] = [escapeXml(label), escapeXml(message)];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${l + m}" height="20" role="img" aria-label="${el}: ${em}"><title>${el}: ${em}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="${l + m}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="${l}" height="20" fill="#555"/><rect x="${l}" width="${m}" height="20" fill="${colour}"/><rect width="${l + m}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="${l / 2}" y="15" fill="#010101" fill-opacity=".3">${el}</text><text x="${l / 2}" y="14">${el}</text><text x="${l + m / 2}" y="15" fill="#010101" fill-opacity=".3">${em}</text><text x="${l + m / 2}" y="14">${em}</text></g></svg>`;
}

/** The badge of the whole site, or of one component; null when the component is not one an anonymous visitor may see. */
export async function statusBadge(componentId: number | null): Promise<string | null> {
  const page = await statusPage();
  if (componentId === null) return badgeSvg("status", page.overall.label, page.overall.status);
  const component = [...page.groups.flatMap((g) => g.components), ...page.ungrouped].find((c) => c.id === componentId);
  return component ? badgeSvg(component.name, component.display_name, component.display) : null;
}
