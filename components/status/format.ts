// Times on the public pages, rendered on the server in UTC (the page may be cached and served to anyone,
// so never in a reader's zone), and relative to when the data was loaded.
const DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
const TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const MONTH = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });

/** "2 Dec 2026, 14:05 UTC" */
export const absoluteTime = (iso: string) => `${DATE.format(new Date(iso))}, ${TIME.format(new Date(iso))} UTC`;
/** "14:05 UTC" */
export const clockTime = (iso: string) => `${TIME.format(new Date(iso))} UTC`;
/** "2 Dec 2026" from "2026-12-02" or an instant. */
export const dayLabel = (isoOrDate: string) => DATE.format(new Date(isoOrDate.length === 10 ? `${isoOrDate}T00:00:00Z` : isoOrDate));
/** "December 2026" from "2026-12". */
export const monthLabel = (month: string) => MONTH.format(new Date(`${month}-01T00:00:00Z`));

/** "5 minutes ago", "in 2 days": `iso` against `now`. */
export function relativeTime(iso: string, now: string): string {
  const seconds = Math.round((Date.parse(iso) - Date.parse(now)) / 1000);
  const abs = Math.abs(seconds);
  const [value, unit] =
    abs < 60 ? [0, "now"] : abs < 3600 ? [Math.round(abs / 60), "minute"] : abs < 86_400 ? [Math.round(abs / 3600), "hour"] : [Math.round(abs / 86_400), "day"];
  if (unit === "now") return "just now";
  const phrase = `${value} ${unit}${value === 1 ? "" : "s"}`;
  return seconds < 0 ? `${phrase} ago` : `in ${phrase}`;
}

/** A maintenance window: "3 Dec 2026, 10:00 – 12:00 UTC", or both ends in full when the days differ. */
export function windowLabel(start: string, end: string): string {
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  return sameDay ? `${DATE.format(new Date(start))}, ${TIME.format(new Date(start))} – ${clockTime(end)}` : `${absoluteTime(start)} – ${absoluteTime(end)}`;
}
