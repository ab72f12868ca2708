import type { ComponentProps } from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "./cn";

// Focus: a 2 px outline of at least 3:1 against the page in both schemes (sky-700 on white, sky-300 on slate-950).
export const focusRing =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700 dark:focus-visible:outline-sky-300";

export const buttonVariants = cva(
  `inline-flex items-center justify-center gap-1.5 rounded-md font-medium transition-colors focus-visible:outline-none ${focusRing} disabled:cursor-not-allowed disabled:opacity-50`,
  {
    variants: {
      variant: {
        primary: "bg-slate-900 text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-white",
        secondary:
          "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
        danger:
          "border border-red-200 bg-white text-red-700 hover:bg-red-50 dark:border-red-800 dark:bg-slate-900 dark:text-red-300 dark:hover:bg-red-950",
        dangerSolid: "bg-red-700 text-white hover:bg-red-800 dark:bg-red-400 dark:text-red-950 dark:hover:bg-red-300",
        ghost: "text-slate-700 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white",
      },
      size: { sm: "px-2.5 py-1 text-xs", md: "px-3.5 py-2 text-sm" },
    },
    defaultVariants: { variant: "secondary", size: "md" },
  },
);

export function Button({ variant, size, className, type = "button", ...props }: ComponentProps<"button"> & VariantProps<typeof buttonVariants>) {
  return <button type={type} className={cn(buttonVariants({ variant, size }), className)} {...props} />;
}
