"use client";

import { useNow } from "./useNow";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 days ago", "in 2 hours", "just now": the largest unit that fits. */
export function relativeTime(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return Math.abs(seconds) < 45 ? "just now" : format.format(Math.trunc(seconds / 60), "minute");
}

export function absoluteTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A time as "3 days ago", with the absolute time in `title` (hover) and in `<time dateTime>` for machines. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const now = useNow();
  const absolute = absoluteTime(iso);
  return (
    <time dateTime={iso} title={absolute} className={className}>
      {now === 0 ? absolute : relativeTime(iso, now)}
    </time>
  );
}
