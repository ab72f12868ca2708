"use client";

import { useSyncExternalStore } from "react";

// One clock for the page: read when a component first subscribes and every 30 s after, so that states
// and relative times ("expires today", "3 minutes ago") stay current without re-rendering every second.
let now = 0;
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function snapshot() {
  if (now === 0) now = Date.now(); // the same value on every call until the clock ticks
  return now;
}

/** The current time in ms (0 while rendering on the server, where the reader's clock is unknown). */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot, () => 0);
}
