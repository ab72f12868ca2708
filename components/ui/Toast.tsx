"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { cva } from "class-variance-authority";

type Tone = "success" | "error" | "info";
interface Toast {
  id: number;
  message: string;
  tone: Tone;
}

const toastVariants = cva("pointer-events-auto rounded-md px-4 py-2 text-sm font-medium shadow-lg ring-1", {
  variants: {
    tone: {
      success: "bg-emerald-800 text-white ring-emerald-900 dark:bg-emerald-300 dark:text-emerald-950 dark:ring-emerald-400",
      error: "bg-red-800 text-white ring-red-900 dark:bg-red-300 dark:text-red-950 dark:ring-red-400",
      info: "bg-slate-900 text-white ring-slate-950 dark:bg-slate-100 dark:text-slate-900 dark:ring-slate-300",
    },
  },
  defaultVariants: { tone: "success" },
});

const ToastContext = createContext<((message: string, tone?: Tone) => void) | null>(null);

/** How long a toast stays on screen; screen readers hear it at once through the polite live region. */
export const TOAST_MS = 5000;

/**
 * A polite live region for what an action did ("Token revoked", "Copied"): the region is always in the
 * page (a region added together with its text is not announced), toasts come and go inside it.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  const show = useCallback((message: string, tone: Tone = "success") => {
    const id = next.current++;
    setToasts((list) => [...list.slice(-2), { id, message, tone }]);
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setToasts((list) => list.filter((t) => t.id !== id));
    }, TOAST_MS);
    timers.current.add(timer);
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  return (
    <ToastContext.Provider value={show}>
      {children}
      <div
        role="status"
        aria-live="polite"
        data-testid="toasts"
        className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4 sm:items-end sm:px-6"
      >
        {toasts.map((t) => (
          <p key={t.id} className={toastVariants({ tone: t.tone })} data-testid="toast">
            {t.message}
          </p>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** `toast("Token revoked")`; without a provider (a test rendering one component) it does nothing. */
export function useToast(): (message: string, tone?: Tone) => void {
  return useContext(ToastContext) ?? noop;
}
const noop = () => {};
