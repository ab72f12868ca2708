import type { ReactNode } from "react";
import { cva, type VariantProps } from "class-variance-authority";

const badgeVariants = cva("inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", {
  variants: {
    tone: {
      neutral: "bg-slate-100 text-slate-700 ring-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
      green: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
      amber: "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
      red: "bg-red-50 text-red-700 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
      blue: "bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
    },
  },
  defaultVariants: { tone: "neutral" },
});

export function Badge({ tone, children, title }: VariantProps<typeof badgeVariants> & { children: ReactNode; title?: string }) {
  return (
    <span className={badgeVariants({ tone })} title={title}>
      {children}
    </span>
  );
}
