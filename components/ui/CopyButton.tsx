"use client";

import { useState } from "react";
import { Button } from "./Button";

/** Copies `text`; where the Clipboard API is unavailable (plain http), selects `select()`'s target for Ctrl+C. */
export function CopyButton({ text, label = "Copy", select }: { text: string; label?: string; select?: () => void }) {
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      select?.();
      setState("manual");
    }
    setTimeout(() => setState("idle"), 2500);
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button size="sm" onClick={copy} aria-label={label}>
        {state === "copied" ? "Copied" : "Copy"}
      </Button>
      <span role="status" className="text-xs text-slate-700 dark:text-slate-300">
        {state === "manual" ? "Selected: press Ctrl+C (⌘C) to copy." : ""}
      </span>
    </span>
  );
}
