"use client";

import { useId, useState } from "react";
import { inputClass } from "@/components/ui/styles";

/**
 * Filters the reference's endpoints as you type (method, path, summary, tag or permission): it hides
 * the operation cards that do not match, their entries in the contents, and sections left empty. The
 * page is complete without it (server-rendered); this only narrows what is shown.
 */
export function DocsFilter({ total }: { total: number }) {
  const id = useId();
  const [shown, setShown] = useState<number | null>(null);

  function filter(query: string) {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    let count = 0;
    for (const card of document.querySelectorAll<HTMLElement>("[data-op-search]")) {
      const text = card.dataset.opSearch ?? "";
      const match = words.every((w) => text.includes(w));
      card.hidden = !match;
      if (match) count++;
      const entry = document.querySelector<HTMLElement>(`[data-nav-for="${CSS.escape(card.id)}"]`);
      if (entry) entry.hidden = !match;
    }
    for (const group of document.querySelectorAll<HTMLElement>("[data-op-group]")) {
      group.hidden = words.length > 0 && !group.querySelector("[data-op-search]:not([hidden]), [data-nav-for]:not([hidden])");
    }
    for (const other of document.querySelectorAll<HTMLElement>("[data-hide-when-filtered]")) other.hidden = words.length > 0;
    setShown(words.length ? count : null);
  }

  return (
    <div role="search" className="mb-8">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-300">
        Filter endpoints
      </label>
      <input
        id={id}
        type="search"
        placeholder="e.g. incidents post, tokens:write, /users"
        onChange={(e) => filter(e.target.value)}
        aria-describedby={`${id}-count`}
        className={inputClass}
      />
      <p id={`${id}-count`} role="status" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {shown === null ? `${total} endpoints` : shown === 0 ? "No endpoint matches." : `${shown} of ${total} endpoints match.`}
      </p>
    </div>
  );
}
