import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * The background and text colours of a page, light or dark after the reader's `prefers-color-scheme`.
 * Given per page tree (not on <body>) so that pages not yet styled for dark mode stay readable in light.
 */
export function PageShell({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn("min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100 dark:[color-scheme:dark]", className)}>{children}</div>;
}

/** The page's main landmark, target of the skip link (app/layout.tsx). */
export function Main({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <main id="main" tabIndex={-1} className={cn("mx-auto max-w-5xl px-4 py-8 focus:outline-none", className)}>
      {children}
    </main>
  );
}
