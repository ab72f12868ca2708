"use client";

import type { Token } from "@/lib/client/types";
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
  if (tokens.length === 0) return <p className="text-sm text-slate-500">You have no API tokens yet.</p>;
  return (
    <ul className="divide-y divide-slate-200">
      {tokens.map((t) => (
        <TokenCard key={t.id} token={t} canWrite={canWrite} canManage={canManage} onRefreshed={onRefreshed} />
      ))}
    </ul>
  );
}
