// A token's state for the profile's table: expired, disabled or enabled, and how soon it expires.
import type { Token } from "@/lib/client/types";

export type TokenState = "enabled" | "disabled" | "expired";

const DAY = 86400_000;

export function tokenState(token: Token, now: number): TokenState {
  if (token.expires_at !== null && Date.parse(token.expires_at) <= now) return "expired";
  return token.enabled ? "enabled" : "disabled";
}

/** Whole days left before the token expires (0 on its last day), or null when it never expires or has. */
export function daysLeft(token: Token, now: number): number | null {
  if (token.expires_at === null) return null;
  const left = Date.parse(token.expires_at) - now;
  return left <= 0 ? null : Math.floor(left / DAY);
}

export type TokenFilter = "all" | TokenState | "expiring";
export type TokenSort = "created-desc" | "created-asc" | "used-desc" | "expires-asc" | "description";

/** Tokens expiring within this many days get the "expires in N days" badge and the "Expiring soon" filter. */
export const EXPIRING_DAYS = 30;

export function selectTokens(tokens: Token[], query: string, filter: TokenFilter, sort: TokenSort, now: number): Token[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (t: Token) => words.every((w) => `${t.description} ${t.display}`.toLowerCase().includes(w));
  const kept = tokens.filter((t) => {
    if (!matches(t)) return false;
    if (filter === "all") return true;
    if (filter === "expiring") {
      const left = daysLeft(t, now);
      return left !== null && left <= EXPIRING_DAYS && t.enabled;
    }
    return tokenState(t, now) === filter;
  });
  const time = (iso: string | null, missing: number) => (iso === null ? missing : Date.parse(iso));
  const compare: Record<TokenSort, (a: Token, b: Token) => number> = {
    "created-desc": (a, b) => time(b.created_at, 0) - time(a.created_at, 0) || b.id - a.id,
    "created-asc": (a, b) => time(a.created_at, 0) - time(b.created_at, 0) || a.id - b.id,
    "used-desc": (a, b) => time(b.last_used_at, -Infinity) - time(a.last_used_at, -Infinity) || b.id - a.id,
    "expires-asc": (a, b) => time(a.expires_at, Infinity) - time(b.expires_at, Infinity) || a.id - b.id,
    description: (a, b) => (a.description || a.display).localeCompare(b.description || b.display) || a.id - b.id,
  };
  return [...kept].sort(compare[sort]);
}

/** The expiry presets of the create form (GitHub offers 7, 30, 60, 90 days, custom and none). */
export const EXPIRY_PRESETS = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "custom", label: "Custom date…" },
  { value: "never", label: "No expiration" },
] as const;
export type ExpiryPreset = (typeof EXPIRY_PRESETS)[number]["value"];

/** A preset as a datetime-local value (the form's `expires_at`), `days` from now; "" for never. */
export function presetToLocalInput(preset: ExpiryPreset, now: Date): string | null {
  if (preset === "never") return "";
  if (preset === "custom") return null;
  const at = new Date(now.getTime() + Number(preset) * DAY);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
