import type { ReactNode } from "react";

/** What an empty list says instead of nothing: what would be here, and how to get the first one. */
export function EmptyState({ title, description, action }: { title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center dark:border-slate-600" data-testid="empty-state">
      <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{title}</p>
      {description ? <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</div> : null}
      {action ? <div className="mt-3">{action}</div> : null}
    </div>
  );
}
