"use client";

import { useRef } from "react";
import type { Token } from "@/lib/client/types";
import { EmptyState } from "@/components/ui/EmptyState";
import { TokenCard } from "./token-card";

export function TokenList({
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
  const list = useRef<HTMLUListElement>(null);
  if (tokens.length === 0) return <EmptyState title="You have no API tokens yet" description="Create one above for a script or an integration." />;
  return (
    <ul ref={list} tabIndex={-1} aria-label="Your tokens" className="divide-y divide-slate-200 focus:outline-none dark:divide-slate-700">
      {tokens.map((t) => (
        <TokenCard key={t.id} token={t} canWrite={canWrite} canManage={canManage} onRefreshed={onRefreshed} onRemoved={() => list.current?.focus()} />
      ))}
    </ul>
  );
}
