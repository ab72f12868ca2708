import type { DisplayStatus } from "@/lib/status/display";
import { cn } from "@/components/ui/cn";
import { BADGE } from "./tones";

export function StatusPill({ status, label, className }: { status: DisplayStatus; label: string; className?: string }) {
  return <span className={cn("inline-block whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold", BADGE[status], className)}>{label}</span>;
}
