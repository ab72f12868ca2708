"use client";

import { createContext, useCallback, useContext, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "./Button";

export interface ConfirmRequest {
  title: string;
  /** The consequence, spelled out: "Anything using it stops working at once." */
  body: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
}

type Ask = (request: ConfirmRequest) => Promise<boolean>;
const ConfirmContext = createContext<Ask | null>(null);

/**
 * One modal confirmation dialog for the page, on the native <dialog>: showModal() makes the rest of the
 * page inert (focus stays inside), Escape cancels, and focus goes back to the control that asked.
 * The safe choice (Cancel) has the focus first, so a stray Enter never confirms a destructive action.
 */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const settle = useRef<((ok: boolean) => void) | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();

  const ask = useCallback<Ask>((next) => {
    settle.current?.(false);
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setRequest(next);
    return new Promise<boolean>((resolve) => {
      settle.current = resolve;
      // After React has rendered the dialog's text.
      requestAnimationFrame(() => {
        if (!dialog.current?.open) dialog.current?.showModal();
        cancelButton.current?.focus();
      });
    });
  }, []);

  const close = (ok: boolean) => {
    const resolve = settle.current;
    settle.current = null;
    if (dialog.current?.open) dialog.current.close();
    // The opener may be gone or disabled by then (a revoked row): the caller then moves focus itself.
    if (opener.current?.isConnected) opener.current.focus();
    resolve?.(ok);
  };

  return (
    <ConfirmContext.Provider value={ask}>
      {children}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onCancel={(e) => {
          e.preventDefault();
          close(false);
        }}
        data-testid="confirm-dialog"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {request ? (
          <form
            method="dialog"
            className="space-y-4 p-5"
            onSubmit={(e) => {
              e.preventDefault();
              close(true);
            }}
          >
            <h2 id={titleId} className="text-base font-semibold">
              {request.title}
            </h2>
            <div id={bodyId} className="text-sm text-slate-700 dark:text-slate-300">
              {request.body}
            </div>
            <div className="flex flex-wrap justify-end gap-2">
              <Button ref={cancelButton} onClick={() => close(false)}>
                {request.cancelLabel ?? "Cancel"}
              </Button>
              <Button type="submit" variant={request.tone === "primary" ? "primary" : "dangerSolid"}>
                {request.confirmLabel}
              </Button>
            </div>
          </form>
        ) : null}
      </dialog>
    </ConfirmContext.Provider>
  );
}

/** `if (await confirm({...})) …`; the dialog's answer. */
export function useConfirm(): Ask {
  const ask = useContext(ConfirmContext);
  if (!ask) throw new Error("useConfirm needs a ConfirmProvider (app/layout.tsx)");
  return ask;
}
