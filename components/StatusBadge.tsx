const COLORS: Record<number, string> = {
  1: "bg-emerald-100 text-emerald-800",
  2: "bg-sky-100 text-sky-800",
  3: "bg-amber-100 text-amber-800",
  4: "bg-red-100 text-red-800",
};

import { cn } from "./ui/cn";

export function StatusBadge({ status, label }: { status: number; label: string }) {
  return <span className={cn("rounded-full px-2.5 py-0.5 text-xs font-medium", COLORS[status] ?? "bg-slate-100")}>{label}</span>;
}
