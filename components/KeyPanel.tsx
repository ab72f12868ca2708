"use client";

import { useEffect, useId, useRef, useSyncExternalStore } from "react";
import { Button } from "./ui/Button";
import { CopyButton } from "./ui/CopyButton";
import { AUTHORIZATION, TOKEN_KEY_HEADERS } from "@/lib/credential-headers";

// The five token header styles of API.md §2, as ready-to-paste curl commands.
const HEADER_STYLES: { name: string; header: (key: string) => string }[] = [
  { name: `${AUTHORIZATION}: Token (NetBox, DRF)`, header: (k) => `${AUTHORIZATION}: Token ${k}` },
  { name: `${AUTHORIZATION}: Bearer (RFC 6750)`, header: (k) => `${AUTHORIZATION}: Bearer ${k}` },
  ...TOKEN_KEY_HEADERS.map(({ name, after }) => ({ name: `${name} (${after})`, header: (k: string) => `${name}: ${k}` })),
];

// The page's own origin, for the curl examples: known only in the browser (empty while rendering on the server).
const noSubscription = () => () => {};
const useOrigin = () => useSyncExternalStore(noSubscription, () => window.location.origin, () => "");

export function curlExamples(key: string, origin: string) {
  return HEADER_STYLES.map((s) => ({ name: s.name, command: `curl -H "${s.header(key)}" ${origin}/api/v1/user/self` }));
}

/**
 * A new key, shown once: it lives only in the React state of the page that received it (never in
 * storage or the URL), so dismissing the panel or reloading the page loses it for good.
 */
export function KeyPanel({ tokenKey, title, onDismiss }: { tokenKey: string; title: string; onDismiss: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const origin = useOrigin();
  const titleId = useId();

  useEffect(() => {
    heading.current?.focus();
  }, [tokenKey]);

  return (
    <section aria-labelledby={titleId} className="min-w-0 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 shadow-sm sm:p-5 dark:border-amber-600 dark:bg-amber-950" data-testid="key-panel">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id={titleId} ref={heading} tabIndex={-1} className="text-base font-semibold text-amber-900 focus:outline-none dark:text-amber-100">
            {title}
          </h3>
          <p className="mt-1 text-sm text-amber-900 dark:text-amber-100">
            Copy it now: this is the only time the key is shown. Beacon keeps only a digest of it, so it cannot show it again; if you
            lose it, refresh the token to get a new one.
          </p>
        </div>
        <Button size="sm" variant="secondary" className="shrink-0" onClick={onDismiss} aria-label="Dismiss the new key">
          Dismiss
        </Button>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <input
          ref={input}
          readOnly
          value={tokenKey}
          aria-label="New API key"
          data-testid="new-key"
          onFocus={(e) => e.currentTarget.select()}
          className="w-full min-w-0 flex-1 basis-48 rounded-md border border-amber-400 bg-white px-3 py-2 font-mono text-sm text-slate-900 dark:border-amber-700 dark:bg-slate-950 dark:text-slate-100"
        />
        <CopyButton text={tokenKey} label="Copy key" select={() => input.current?.select()} />
      </div>
      {origin ? (
        <details className="mt-4" open>
          <summary className="cursor-pointer text-sm font-medium text-amber-900 dark:text-amber-100">Try it with curl</summary>
          <ul className="mt-2 space-y-2">
            {curlExamples(tokenKey, origin).map((ex) => (
              <CurlExample key={ex.name} name={ex.name} command={ex.command} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function CurlExample({ name, command }: { name: string; command: string }) {
  const pre = useRef<HTMLPreElement>(null);
  return (
    <li>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="min-w-0 text-xs font-medium break-words text-amber-950 dark:text-amber-100">{name}</span>
        <CopyButton text={command} label={`Copy curl example with ${name}`} select={() => pre.current && window.getSelection()?.selectAllChildren(pre.current)} />
      </div>
      {/* Wrapped, never cut off; focusable so a keyboard user can reach and select it. */}
      <pre
        ref={pre}
        tabIndex={0}
        aria-label={`curl example with ${name}`}
        className="mt-1 rounded-md bg-slate-900 px-3 py-2 text-xs break-all whitespace-pre-wrap text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700 dark:bg-black dark:focus-visible:outline-sky-300"
        data-testid="curl-example"
      >
        <code>{command}</code>
      </pre>
    </li>
  );
}
