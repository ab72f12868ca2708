"use client";

import { useState } from "react";
import { useApi, useApiList, useApiWrite } from "@/lib/client/swr";
import type { Webhook, WebhookDelivery } from "@/lib/client/types";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { ProblemAlert } from "@/components/ui/Alert";
import { Section } from "@/components/ui/Section";
import { inputClass } from "@/components/ui/styles";

const TONE = { queued: "blue", sending: "amber", sent: "green", failed: "red" } as const;
const LABEL = { queued: "Queued", sending: "Sending", sent: "Sent", failed: "Failed" } as const;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "short", timeStyle: "medium" }) : "—");

/**
 * Webhook endpoints and their latest deliveries (the outbox): queued, sent or failed, with the response
 * code and the last error, and "Retry" to send one again with the same webhook-id. Endpoints are
 * registered through the API (README: Webhooks); the secret is shown only there, once.
 */
export function WebhooksSection({ canWrite }: { canWrite: boolean }) {
  const hooks = useApiList<Webhook>("/api/v1/webhooks");
  const [chosen, setChosen] = useState<number | null>(null);
  const selected = hooks.data?.find((h) => h.id === chosen) ?? hooks.data?.[0] ?? null;
  return (
    <Section
      title="Webhooks"
      description={
        <>
          Endpoints that receive signed events (Standard Webhooks), and what was sent to them. Register one with{" "}
          <code>POST /api/v1/webhooks</code>.
        </>
      }
    >
      {hooks.error ? <ProblemAlert problem={hooks.error} /> : null}
      {hooks.data === undefined && !hooks.error ? <p className="text-sm text-slate-600 dark:text-slate-300">Loading…</p> : null}
      {hooks.data?.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-300">No webhook endpoints yet.</p> : null}
      {hooks.data && hooks.data.length > 0 && selected ? (
        <>
          <label className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            Endpoint
            <select className={`${inputClass} mt-1`} value={selected.id} onChange={(e) => setChosen(Number(e.target.value))}>
              {hooks.data.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.description ? `${h.description} — ${h.url}` : h.url}
                  {h.enabled ? "" : " (disabled)"}
                </option>
              ))}
            </select>
          </label>
          <EndpointSummary hook={selected} />
          <Deliveries hook={selected} canWrite={canWrite} />
        </>
      ) : null}
    </Section>
  );
}

function EndpointSummary({ hook }: { hook: Webhook }) {
  return (
    <div className="space-y-1 text-sm text-slate-700 dark:text-slate-200">
      <p>
        {hook.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="red">Disabled</Badge>}{" "}
        <span className="break-all">{hook.url}</span>
      </p>
      <p className="text-slate-600 dark:text-slate-300">Events: {hook.events.join(", ")}</p>
      {hook.disabled_reason ? <p className="text-red-700 dark:text-red-300">Disabled: {hook.disabled_reason}</p> : null}
      {hook.enabled && hook.failing_since ? <p className="text-amber-800 dark:text-amber-300">Failing since {when(hook.failing_since)}.</p> : null}
    </div>
  );
}

function Deliveries({ hook, canWrite }: { hook: Webhook; canWrite: boolean }) {
  const path = `/api/v1/webhooks/${hook.id}/deliveries?limit=25`;
  const page = useApi<{ count: number; results: WebhookDelivery[] }>(path);
  const { busy, problem, run } = useApiWrite(path);
  if (page.error) return <ProblemAlert problem={page.error} />;
  if (!page.data) return <p className="text-sm text-slate-600 dark:text-slate-300">Loading deliveries…</p>;
  if (page.data.results.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-300">Nothing has been sent to this endpoint yet.</p>;
  return (
    <div className="space-y-2">
      <ProblemAlert problem={problem} />
      {/* relative: the table's sr-only texts are positioned inside this scroller, not against the page (they widened it) */}
      <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label="Deliveries table">
        <table className="w-full text-sm">
          <caption className="sr-only">
            Latest deliveries to {hook.url} ({page.data.count} in all)
          </caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700 text-left text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
              <th scope="col" className="py-2 pr-4 font-medium">Event</th>
              <th scope="col" className="py-2 pr-4 font-medium">Status</th>
              <th scope="col" className="py-2 pr-4 font-medium">Attempts</th>
              <th scope="col" className="py-2 pr-4 font-medium">Response</th>
              <th scope="col" className="py-2 pr-4 font-medium">Last attempt</th>
              <th scope="col" className="py-2 pr-4 font-medium">Next attempt</th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {page.data.results.map((d) => (
              <tr key={d.id} data-testid="delivery" className="align-top">
                <td className="py-2 pr-4">
                  <div className="font-medium text-slate-900 dark:text-slate-100">{d.event_type ?? "—"}</div>
                  <div className="font-mono text-xs text-slate-600 dark:text-slate-300">{d.message_id}</div>
                  {d.last_error ? <div className="mt-1 max-w-xs break-words text-xs text-red-700 dark:text-red-300">{d.last_error}</div> : null}
                </td>
                <td className="py-2 pr-4">
                  <Badge tone={TONE[d.status]}>{LABEL[d.status]}</Badge>
                </td>
                <td className="py-2 pr-4 tabular-nums">{d.attempts}</td>
                <td className="py-2 pr-4 tabular-nums">{d.response_status ?? "—"}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{when(d.last_attempt_at)}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{when(d.next_attempt_at)}</td>
                <td className="py-2 text-right">
                  {canWrite && hook.enabled && d.status !== "sending" ? (
                    <Button
                      size="sm"
                      disabled={busy}
                      aria-label={`Retry ${d.event_type ?? "delivery"} ${d.message_id}`}
                      onClick={() => run({ path: `/api/v1/webhooks/${hook.id}/deliveries/${d.id}/redeliver`, method: "POST" })}
                    >
                      Retry
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
