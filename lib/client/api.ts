// The browser's side of the REST API: same-origin fetch with the session cookie (the browser's Origin
// header passes the API's CSRF check) and the API's errors as one type the forms can show.
export type FieldErrors = Record<string, string[]>;

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldErrors = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
  }

  /** The messages for one field, including those of its items (`allowed_ips.0`). */
  fieldErrors(field: string): string[] {
    return Object.entries(this.errors)
      .filter(([key]) => key === field || key.startsWith(`${field}.`))
      .flatMap(([, messages]) => messages);
  }
}

/** Anything a form catches, as an ApiProblem (network failures included). */
export function toProblem(err: unknown): ApiProblem {
  if (err instanceof ApiProblem) return err;
  return new ApiProblem(0, "The server could not be reached. Check your connection and try again.");
}

export async function apiFetch<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    cache: "no-store",
    headers: { Accept: "application/json", ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const detail = typeof data?.detail === "string" ? data.detail : `The request failed (${res.status}).`;
    throw new ApiProblem(res.status, detail, data && typeof data.errors === "object" ? data.errors : {});
  }
  return data as T;
}

/** Every row of a paginated list (the API allows 1000 per page; the UI's lists are far smaller). */
export async function apiList<T>(path: string): Promise<T[]> {
  const sep = path.includes("?") ? "&" : "?";
  const page = await apiFetch<{ results: T[] }>(`${path}${sep}limit=1000`);
  return page.results;
}
