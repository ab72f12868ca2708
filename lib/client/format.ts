// Display helpers for the browser: times in the reader's own locale and zone, lists from text areas.

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** "10.0.0.0/8, 192.0.2.1\n2001:db8::/32" → ["10.0.0.0/8", "192.0.2.1", "2001:db8::/32"]. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The value of a datetime-local input (the reader's local time) as an ISO-8601 UTC instant, or null. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
