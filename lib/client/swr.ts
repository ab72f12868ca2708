// The browser's reads and writes of the API through SWR: a read is cached under its path, and a write
// names the path whose data it changes, which SWR then loads again. Failures arrive as ApiProblem.
import useSWR from "swr";
import useSWRMutation from "swr/mutation";
import { type ApiProblem, apiFetch, apiList, toProblem } from "./api.ts";

const asProblem = (err: unknown): never => {
  throw toProblem(err);
};

/** GET `path` (null: not now, e.g. the user may not read it). */
export function useApi<T>(path: string | null) {
  return useSWR<T, ApiProblem>(path, (p: string) => apiFetch<T>(p).catch(asProblem));
}

/** Every row of the paginated list at `path`. */
export function useApiList<T>(path: string | null) {
  return useSWR<T[], ApiProblem>(path, (p: string) => apiList<T>(p).catch(asProblem));
}

export type Outcome<Result> = { ok: true; data: Result } | { ok: false };

/**
 * A write that changes the data cached under `key`, which SWR loads again once it succeeded. `run`
 * resolves to the outcome; `busy` and `problem` are what a form or button shows meanwhile.
 */
export function useApiMutation<Arg, Result = unknown>(key: string, call: (arg: Arg) => Promise<Result>) {
  const mutation = useSWRMutation<Result, ApiProblem, string, Arg>(key, (_key: string, { arg }: { arg: Arg }) => call(arg).catch(asProblem), {
    populateCache: false,
  });
  const run = async (arg: Arg): Promise<Outcome<Result>> => {
    try {
      return { ok: true, data: await (mutation.trigger as (arg: Arg) => Promise<Result>)(arg) };
    } catch {
      return { ok: false };
    }
  };
  return { run, busy: mutation.isMutating, problem: mutation.error ?? null, reset: mutation.reset };
}

export interface ApiWrite {
  path: string;
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
}

/** Writes of several kinds (PATCH, DELETE, …) to objects listed under `key`, which is reloaded after each. */
export function useApiWrite<Result = unknown>(key: string) {
  return useApiMutation<ApiWrite, Result>(key, ({ path, method, body }) => apiFetch<Result>(path, { method, body }));
}
