// Results of handlers and how they become responses: JSON with optional indentation (DRF/NetBox's
// `Accept: application/json; indent=4`), the Vary header, and error bodies.
import { CREDENTIAL_HEADERS } from "../credential-headers.ts";

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Shown above the JSON by the browsable API (the API indexes); never part of the JSON. */
  intro?: PageIntro;
}

/** A heading, a sentence and links the browsable API shows above a response. */
export interface PageIntro {
  title: string;
  text: string;
  links: { href: string; label: string; note?: string }[];
}

export const ok = (body: unknown, headers?: Record<string, string>): ApiResult => ({ status: 200, body, headers });
export const created = (body: unknown, headers?: Record<string, string>): ApiResult => ({ status: 201, body, headers });
export const noContent = (): ApiResult => ({ status: 204, body: null });

/** Every response depends on the credentials sent (and Accept): caches must key on them. */
export const VARY = ["Accept", ...CREDENTIAL_HEADERS.slice(0, 1), "Cookie", ...CREDENTIAL_HEADERS.slice(1)].join(", ");

/** The indent asked for in `Accept: application/json; indent=N` (clamped to 0–8), or null. */
export function requestedIndent(accept: string | null): number | null {
  if (!accept) return null;
  for (const part of accept.split(",")) {
    const [type, ...params] = part.split(";").map((s) => s.trim());
    if (type.toLowerCase() !== "application/json" && type !== "*/*") continue;
    for (const p of params) {
      const m = /^indent\s*=\s*"?(-?\d+)"?$/i.exec(p);
      if (m) return Math.min(8, Math.max(0, Number(m[1])));
    }
  }
  return null;
}

export function jsonText(body: unknown, indent: number | null): string {
  return indent ? JSON.stringify(body, null, indent) : JSON.stringify(body);
}
