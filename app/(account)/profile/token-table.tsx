"use client";

import { useId, useRef, useState } from "react";
import { useNow } from "@/components/ui/useNow";
import type { Token } from "@/lib/client/types";
import { EmptyState } from "@/components/ui/EmptyState";
import { inputClass } from "@/components/ui/styles";
import { cn } from "@/components/ui/cn";
import { focusSoon } from "@/components/ui/focus";
import { EXPIRING_DAYS, selectTokens, type TokenFilter, type TokenSort } from "./token-state";
import { TokenRow } from "./token-row";

const FILTERS: { value: TokenFilter; label: string }[] = [
  { value: "all", label: "All states" },
  { value: "enabled", label: "Enabled" },
  { value: "expiring", label: `Expiring within ${EXPIRING_DAYS} days` },
  { value: "disabled", label: "Disabled" },
  { value: "expired", label: "Expired" },
];
const SORTS: { value: TokenSort; label: string }[] = [
  { value: "created-desc", label: "Newest first" },
  { value: "created-asc", label: "Oldest first" },
  { value: "used-desc", label: "Recently used" },
  { value: "expires-asc", label: "Expiring first" },
  { value: "description", label: "Description A–Z" },
];


const th = "py-2 pr-3 font-medium";

/** The user's tokens as a compact table with search, a state filter and sorting. */
export function TokenTable({
  tokens,
  canWrite,
  canManage,
  onRefreshed,
}: {
  tokens: Token[];
  canWrite: boolean;
  canManage: boolean;
  onRefreshed: (token: Token) => void;
}) {
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<TokenFilter>("all");
  const [sort, setSort] = useState<TokenSort>("created-desc");
  const now = useNow();
  const id = useId();
  const region = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);

  if (tokens.length === 0) return <EmptyState title="You have no API tokens yet" description="Create one above for a script or an integration." />;
  const shown = selectTokens(tokens, query, filter, sort, now);
  // A revoked row is gone: focus the table (or the search box when the table went with it).
  const afterRemove = () => focusSoon(() => region.current, () => search.current);

  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_auto_auto]" role="search" aria-label="Your tokens">
        <div>
          <label htmlFor={`${id}-q`} className="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">
            Search
          </label>
          <input ref={search} id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Description or key prefix" className={cn(inputClass, "py-1.5")} />
        </div>
        <div>
          <label htmlFor={`${id}-f`} className="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">
            State
          </label>
          <select id={`${id}-f`} value={filter} onChange={(e) => setFilter(e.target.value as TokenFilter)} className={cn(inputClass, "py-1.5")}>
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-s`} className="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">
            Sort
          </label>
          <select id={`${id}-s`} value={sort} onChange={(e) => setSort(e.target.value as TokenSort)} className={cn(inputClass, "py-1.5")}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status" className="text-xs text-slate-600 dark:text-slate-400" data-testid="token-count">
        {shown.length === tokens.length ? `${tokens.length} token${tokens.length === 1 ? "" : "s"}` : `${shown.length} of ${tokens.length} tokens shown`}
      </p>
      {shown.length === 0 ? (
        <EmptyState title="No token matches" description="Change the search or the state filter." />
      ) : (
        <div ref={region} tabIndex={-1} className="focus:outline-none">
          <table className="block w-full text-sm md:table" data-testid="token-table">
            <caption className="sr-only">Your API tokens</caption>
            <thead className="hidden md:table-header-group">
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600 dark:border-slate-700 dark:text-slate-400">
                <th scope="col" className={th}>Description</th>
                <th scope="col" className={th}>Last used</th>
                <th scope="col" className={th}>Expires</th>
                <th scope="col" className={th}>State</th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="block md:table-row-group">
              {shown.map((t) => (
                <TokenRow key={t.id} token={t} now={now} canWrite={canWrite} canManage={canManage} onRefreshed={onRefreshed} onRemoved={afterRemove} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
