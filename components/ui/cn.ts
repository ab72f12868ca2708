import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Class names joined by clsx, with Tailwind conflicts resolved so that later classes win (`py-2` + `py-1` → `py-1`). */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
