"use client";

import { useEffect } from "react";
import { useApi } from "@/lib/client/swr";
import type { AuditEvent } from "@/lib/client/types";
import { ProblemAlert } from "@/components/ui/Alert";
import { EmptyState } from "@/components/ui/EmptyState";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { Section } from "@/components/ui/Section";

const ACTIONS: Record<string, string> = {
  "token.create": "Token created",
  "token.update": "Token changed",
  "token.refresh": "Key refreshed",
  "token.revoke": "Token revoked",
  "token.revoke.grace_key": "Previous key revoked",
  "token.revoke_by_key": "Token revoked with its key",
  "token.provision": "Token created at sign-in",
  "token.provision_failed": "Token refused at sign-in",
};

const label = (action: string) => ACTIONS[action] ?? action.replace(/^token\./, "Token ").replaceAll("_", " ");

/** The signed-in user's latest token events, from GET /api/v1/audit (their own events). */
export function TokenEvents({ userId, tokens }: { userId: number; tokens: unknown }) {
  // Token events are a share of all account events: read a page of them and keep the token ones.
  const events = useApi<{ results: AuditEvent[] }>(`/api/v1/audit?user_id=${userId}&limit=100`);
  const { mutate } = events;
  // Reloaded whenever the token list is (after a create, refresh, change or revoke).
  useEffect(() => {
    if (tokens) void mutate();
  }, [tokens, mutate]);
  const tokenEvents = (events.data?.results ?? []).filter((e) => e.target_type === "token" || e.action.startsWith("token.")).slice(0, 8);
  return (
    <Section title="Recent token activity" description="Creations, refreshes, changes and revocations of your tokens, newest first.">
      {events.error ? <ProblemAlert problem={events.error} /> : null}
      {events.data === undefined && !events.error ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
      ) : tokenEvents.length === 0 ? (
        <EmptyState title="No token activity yet" />
      ) : (
        <ol className="divide-y divide-slate-200 text-sm dark:divide-slate-700" data-testid="token-events">
          {tokenEvents.map((e) => (
            <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 py-2">
              <span>
                <span className="font-medium">{label(e.action)}</span>
                {typeof e.detail.display === "string" ? <code className="ml-1.5 text-xs text-slate-700 dark:text-slate-300">{e.detail.display}</code> : null}
                {typeof e.detail.description === "string" && e.detail.description ? <span className="text-slate-700 dark:text-slate-300"> · {e.detail.description}</span> : null}
              </span>
              <span className="text-xs text-slate-600 dark:text-slate-400">
                <RelativeTime iso={e.created_at} /> · {e.actor.label}
                {e.ip ? ` · ${e.ip}` : ""}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
