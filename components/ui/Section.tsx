"use client";

import { useId, type ReactNode } from "react";

/** A titled card; its heading names the region for assistive technology (and for tests). */
export function Section({ title, description, actions, children }: { title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <div>
          <h2 id={id} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {description ? <div className="mt-1 text-sm text-slate-500">{description}</div> : null}
        </div>
        {actions}
      </div>
      <div className="space-y-4 px-5 py-4">{children}</div>
    </section>
  );
}
