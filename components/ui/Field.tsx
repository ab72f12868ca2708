"use client";

import { cloneElement, useId, type ReactElement } from "react";

/** A labelled control with an optional hint and the API's messages for it, linked for screen readers. */
export function Field({
  label,
  hint,
  errors = [],
  className = "",
  children,
}: {
  label: string;
  hint?: string;
  errors?: string[];
  className?: string;
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length ? `${id}-errors` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      {cloneElement(children, { id, "aria-describedby": describedBy, "aria-invalid": errors.length ? true : undefined })}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <ul id={errorId} className="mt-1 text-xs text-red-700 dark:text-red-300">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
