"use client";

import { useId, useRef, useState } from "react";
import { useApiWrite } from "@/lib/client/swr";
import type { Token } from "@/lib/client/types";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { ProblemAlert } from "@/components/ui/Alert";
import { RelativeTime, absoluteTime } from "@/components/ui/RelativeTime";
import { useConfirm } from "@/components/ui/ConfirmDialog";
import { useToast } from "@/components/ui/Toast";
import { alertIn, focusSoon } from "@/components/ui/focus";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/styles";
import { EXPIRING_DAYS, daysLeft, tokenState } from "./token-state";

const cell = "block py-1 md:table-cell md:py-2 md:pr-3 md:align-top";
const cellLabel = "mr-1 text-xs font-medium text-slate-600 md:hidden dark:text-slate-400";

const GRACE_PRESETS = [
  { value: "0", label: "Stop the old key now" },
  { value: "300", label: "Keep the old key 5 minutes" },
  { value: "3600", label: "Keep the old key 1 hour" },
  { value: "86400", label: "Keep the old key 1 day" },
];

function ExpiryBadge({ token, now }: { token: Token; now: number }) {
  const left = daysLeft(token, now);
  if (left === null || left > EXPIRING_DAYS) return null;
  const text = left === 0 ? "expires today" : left === 1 ? "expires tomorrow" : `expires in ${left} days`;
  return <Badge tone={left <= 7 ? "amber" : "neutral"}>{text}</Badge>;
}

/**
 * One token as a table row (a card on phones). Disabling and revoking need only tokens:write; enabling
 * again and refreshing are token management (API.md §3). An expired token can only be revoked: enabling
 * or disabling it changes nothing.
 */
export function TokenRow({
  token,
  now,
  canWrite,
  canManage,
  onRefreshed,
  onRemoved,
}: {
  token: Token;
  now: number;
  canWrite: boolean;
  canManage: boolean;
  onRefreshed: (token: Token) => void;
  onRemoved: () => void;
}) {
  const { busy, problem, run } = useApiWrite<Token>("/api/v1/tokens");
  const confirm = useConfirm();
  const toast = useToast();
  const [refreshing, setRefreshing] = useState(false);
  const [grace, setGrace] = useState("0");
  const refreshId = useId();
  const rowEnd = useRef<HTMLTableRowElement>(null);
  const toggleButton = useRef<HTMLButtonElement>(null);
  const refreshButton = useRef<HTMLButtonElement>(null);
  const name = token.description || token.display;
  const state = tokenState(token, now);
  const graceUntil = token.previous_key_expires_at && Date.parse(token.previous_key_expires_at) > now ? token.previous_key_expires_at : null;

  const toggle = async () => {
    const enabling = !token.enabled;
    if (
      !enabling &&
      !(await confirm({
        title: `Disable the token “${name}”?`,
        body: "Requests with it get 401 until you enable it again. Nothing is deleted.",
        confirmLabel: "Disable token",
      }))
    )
      return;
    const outcome = await run({ path: `/api/v1/tokens/${token.id}`, method: "PATCH", body: { enabled: enabling } });
    if (outcome.ok) toast(enabling ? `Token “${name}” enabled` : `Token “${name}” disabled`);
    focusSoon(alertIn(rowEnd.current), () => toggleButton.current);
  };

  const refresh = async (event: React.FormEvent) => {
    event.preventDefault();
    const seconds = Number(grace);
    const outcome = await run({ path: `/api/v1/tokens/${token.id}/refresh`, method: "POST", body: seconds > 0 ? { grace_seconds: seconds } : {} });
    if (!outcome.ok) return focusSoon(alertIn(rowEnd.current));
    setRefreshing(false);
    setGrace("0");
    toast(`New key for “${name}” created`);
    onRefreshed(outcome.data);
  };

  const revoke = async () => {
    const ok = await confirm({
      title: `Revoke the token “${name}”?`,
      body: (
        <>
          <code>{token.display}</code> is deleted and anything using it stops working at once. This cannot be undone.
        </>
      ),
      confirmLabel: "Revoke token",
    });
    if (!ok) return;
    if ((await run({ path: `/api/v1/tokens/${token.id}`, method: "DELETE" })).ok) {
      toast(`Token “${name}” revoked`);
      onRemoved();
    } else focusSoon(alertIn(rowEnd.current));
  };

  return (
    <>
      <tr data-testid="token" className="block border-b border-slate-200 py-3 md:table-row md:py-0 dark:border-slate-700">
        <td className={cell}>
          <div className="font-medium break-words text-slate-900 dark:text-slate-100">
            {token.description || <em className="text-slate-600 dark:text-slate-400">No description</em>}
          </div>
          <div className="mt-0.5 flex flex-wrap items-center gap-1.5">
            <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">{token.display}</code>
            {token.write_enabled ? <Badge tone="amber">Read &amp; write</Badge> : <Badge tone="blue">Read-only</Badge>}
          </div>
          <details className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            <summary className="cursor-pointer">Details</summary>
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
              <dt>Created</dt>
              <dd>
                <RelativeTime iso={token.created_at} />
              </dd>
              <dt>Allowed IPs</dt>
              <dd className="font-mono break-all">{token.allowed_ips.length ? token.allowed_ips.join(", ") : "Any"}</dd>
              <dt>Scopes</dt>
              <dd className="font-mono break-all">{token.scopes.length ? token.scopes.join(", ") : "All of your permissions"}</dd>
            </dl>
          </details>
        </td>
        <td className={cell}>
          <span className={cellLabel}>Last used</span>
          {token.last_used_at ? (
            <>
              <RelativeTime iso={token.last_used_at} />
              {token.last_used_ip ? <span className="block text-xs text-slate-600 dark:text-slate-400">from {token.last_used_ip}</span> : null}
            </>
          ) : (
            "Never"
          )}
        </td>
        <td className={cell}>
          <span className={cellLabel}>Expires</span>
          {token.expires_at ? <RelativeTime iso={token.expires_at} /> : "Never"} <ExpiryBadge token={token} now={now} />
          {graceUntil ? (
            <span className="block text-xs text-amber-800 dark:text-amber-300" data-testid="grace-window">
              Previous key valid until <time dateTime={graceUntil} title={absoluteTime(graceUntil)}>{new Date(graceUntil).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })}</time>
            </span>
          ) : null}
        </td>
        <td className={cell}>
          <span className={cellLabel}>State</span>
          {state === "expired" ? <Badge tone="red">Expired</Badge> : state === "disabled" ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Enabled</Badge>}
        </td>
        <td className={cn(cell, "md:text-right")}>
          {canWrite ? (
            <div className="flex flex-wrap gap-1.5 md:justify-end">
              {state !== "expired" && (token.enabled || canManage) ? (
                <Button ref={toggleButton} size="sm" onClick={toggle} disabled={busy} aria-label={`${token.enabled ? "Disable" : "Enable"} ${name}`}>
                  {token.enabled ? "Disable" : "Enable"}
                </Button>
              ) : null}
              {canManage ? (
                <Button
                  ref={refreshButton}
                  size="sm"
                  onClick={() => {
                    setRefreshing((r) => !r);
                    if (!refreshing) focusSoon(() => document.getElementById(`${refreshId}-grace`));
                  }}
                  aria-expanded={refreshing}
                  aria-controls={refreshId}
                  aria-label={`Refresh key of ${name}`}
                >
                  Refresh key…
                </Button>
              ) : null}
              <Button size="sm" variant="danger" onClick={revoke} disabled={busy} aria-label={`Revoke ${name}`}>
                Revoke
              </Button>
            </div>
          ) : null}
        </td>
      </tr>
      {refreshing || problem ? (
        <tr ref={rowEnd} className="block md:table-row">
          <td colSpan={5} className="block pb-3 md:table-cell">
            {refreshing ? (
              <form id={refreshId} onSubmit={refresh} aria-label={`Refresh the key of ${name}`} className="flex flex-wrap items-end gap-3 rounded-md bg-slate-50 p-3 dark:bg-slate-800/60">
                <Field
                  label="The old key"
                  hint="A new key replaces this one. Keep the old key working a while to deploy the new one (one grace window per token)."
                  errors={problem?.fieldErrors("grace_seconds")}
                  className="max-w-md min-w-0 flex-1"
                >
                  <select id={`${refreshId}-grace`} value={grace} onChange={(e) => setGrace(e.target.value)} className={inputClass}>
                    {GRACE_PRESETS.map((p) => (
                      <option key={p.value} value={p.value}>
                        {p.label}
                      </option>
                    ))}
                  </select>
                </Field>
                <Button type="submit" variant="primary" size="sm" disabled={busy}>
                  Refresh now
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    setRefreshing(false);
                    focusSoon(() => refreshButton.current);
                  }}
                >
                  Cancel
                </Button>
              </form>
            ) : null}
            {problem ? (
              <div className="mt-2">
                <ProblemAlert problem={problem} shownFields={refreshing ? ["grace_seconds"] : []} />
              </div>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
