"use client";

import { useEffect, useId } from "react";
import { useConfirm } from "./ConfirmDialog";

// The forms with unsaved changes on this page; one pair of listeners serves them all.
const dirtyForms = new Set<string>();
let askLeave: ((href: string) => void) | null = null;

function onBeforeUnload(event: BeforeUnloadEvent) {
  if (dirtyForms.size === 0) return;
  event.preventDefault();
  event.returnValue = ""; // older Chromium needs it set
}

/** In-app links (Next's <Link> navigates without unloading the page): ask first, in our own dialog. */
function onLinkClick(event: MouseEvent) {
  if (dirtyForms.size === 0 || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.("a[href]");
  if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download")) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin === window.location.origin && url.pathname === window.location.pathname && url.search === window.location.search) return; // an anchor on this page
  event.preventDefault();
  event.stopPropagation(); // before React's root listener, so that <Link> does not navigate
  askLeave?.(url.href);
}

/**
 * Warns before leaving a form with unsaved changes: the browser's own prompt on reload, close or typed
 * address (beforeunload), and the confirmation dialog on the site's links.
 */
export function useUnsavedChanges(dirty: boolean): void {
  const id = useId();
  const confirm = useConfirm();
  useEffect(() => {
    if (!dirty) return;
    if (dirtyForms.size === 0) {
      window.addEventListener("beforeunload", onBeforeUnload);
      document.addEventListener("click", onLinkClick, true);
    }
    dirtyForms.add(id);
    askLeave = async (href) => {
      const leave = await confirm({
        title: "Leave this page?",
        body: "You have changes that are not saved yet. Leaving the page loses them.",
        confirmLabel: "Leave without saving",
        cancelLabel: "Stay on this page",
      });
      if (leave) {
        dirtyForms.clear();
        window.location.assign(href);
      }
    };
    return () => {
      dirtyForms.delete(id);
      if (dirtyForms.size === 0) {
        window.removeEventListener("beforeunload", onBeforeUnload);
        document.removeEventListener("click", onLinkClick, true);
      }
    };
  }, [dirty, id, confirm]);
}
