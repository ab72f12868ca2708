import type { ReactNode } from "react";
import type { ApiProblem } from "@/lib/client/api";

export function ErrorAlert({ children }: { children: ReactNode }) {
  return (
    <div role="alert" tabIndex={-1} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 focus:outline-none dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      {children}
    </div>
  );
}

/**
 * The API's `detail`, plus the messages of fields the form does not show beside a control
 * (`non_field_errors`, or a field the form has no input for), so that no message is lost.
 */
export function ProblemAlert({ problem, shownFields = [] }: { problem: ApiProblem | null; shownFields?: string[] }) {
  if (!problem) return null;
  const others = Object.entries(problem.errors).filter(([field]) => !shownFields.some((f) => field === f || field.startsWith(`${f}.`)));
  return (
    <ErrorAlert>
      <p>{problem.detail}</p>
      {others.length ? (
        <ul className="mt-1 list-disc pl-5">
          {others.flatMap(([field, messages]) =>
            messages.map((m) => <li key={`${field}:${m}`}>{field === "non_field_errors" ? m : `${field}: ${m}`}</li>),
          )}
        </ul>
      ) : null}
    </ErrorAlert>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
      {children}
    </p>
  );
}
