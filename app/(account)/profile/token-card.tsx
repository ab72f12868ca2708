"use client";

import { useId, useState } from "react";
import { useApiWrite } from "@/lib/client/swr";
import { formatDateTime } from "@/lib/client/format";
import type { Token } from "@/lib/client/types";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { ProblemAlert } from "@/components/ui/Alert";
import { useConfirm } from "@/components/ui/ConfirmDialog";
import { useToast } from "@/components/ui/Toast";
import { inputClass } from "@/components/ui/styles";

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{term}</dt>
      <dd className="text-sm text-slate-800">{children}</dd>
    </div>
  );
}

/**
 * One token: its settings and usage, and what you may do with it. Disabling and revoking need only
 * tokens:write; enabling again and refreshing are token management (API.md §3).
 */
export function TokenCard({
  token,
  canWrite,
  canManage,
  onRefreshed,
  onRemoved,
}: {
  token: Token;
  canWrite: boolean;
  canManage: boolean;
  onRefreshed: (token: Token) => void;
  onRemoved: () => void;
}) {
  const confirm = useConfirm();
  const toast = useToast();
  const { busy, problem, run } = useApiWrite<Token>("/api/v1/tokens");
  const [refreshing, setRefreshing] = useState(false);
  const [grace, setGrace] = useState("");
  const refreshId = useId();
  const name = token.description || token.display;
  const expired = token.expires_at !== null && new Date(token.expires_at) <= new Date();

  const toggle = () => run({ path: `/api/v1/tokens/${token.id}`, method: "PATCH", body: { enabled: !token.enabled } });

  const refresh = async (event: React.FormEvent) => {
    event.preventDefault();
    const seconds = grace.trim() === "" ? undefined : Number(grace);
    const outcome = await run({
      path: `/api/v1/tokens/${token.id}/refresh`,
      method: "POST",
      body: seconds === undefined ? {} : { grace_seconds: seconds },
    });
    if (!outcome.ok) return;
    setRefreshing(false);
    setGrace("");
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
    }
  };

  return (
    <li className="py-4 first:pt-0 last:pb-0" data-testid="token">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900">{token.description || <em className="text-slate-500">No description</em>}</span>
        <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{token.display}</code>
        {token.write_enabled ? <Badge tone="amber">Read &amp; write</Badge> : <Badge tone="blue">Read-only</Badge>}
        {!token.enabled ? <Badge tone="red">Disabled</Badge> : expired ? <Badge tone="red">Expired</Badge> : <Badge tone="green">Enabled</Badge>}
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-3">
        <Detail term="Created">
          <time dateTime={token.created_at}>{formatDateTime(token.created_at)}</time>
        </Detail>
        <Detail term="Expires">{token.expires_at ? <time dateTime={token.expires_at}>{formatDateTime(token.expires_at)}</time> : "Never"}</Detail>
        <Detail term="Last used">
          {token.last_used_at ? (
            <>
              <time dateTime={token.last_used_at}>{formatDateTime(token.last_used_at)}</time>
              {token.last_used_ip ? <span className="text-slate-500"> from {token.last_used_ip}</span> : null}
            </>
          ) : (
            "Never"
          )}
        </Detail>
        <Detail term="Allowed IPs">{token.allowed_ips.length ? <span className="font-mono text-xs">{token.allowed_ips.join(", ")}</span> : "Any"}</Detail>
        <Detail term="Scopes">
          {token.scopes.length ? <span className="font-mono text-xs">{token.scopes.join(", ")}</span> : "All of your permissions"}
        </Detail>
      </dl>
      {canWrite ? (
        <div className="mt-3 flex flex-wrap gap-2">
          {token.enabled || canManage ? (
            <Button size="sm" onClick={toggle} disabled={busy} aria-label={`${token.enabled ? "Disable" : "Enable"} ${name}`}>
              {token.enabled ? "Disable" : "Enable"}
            </Button>
          ) : null}
          {canManage ? (
            <Button size="sm" onClick={() => setRefreshing((r) => !r)} aria-expanded={refreshing} aria-controls={refreshId} aria-label={`Refresh key of ${name}`}>
              Refresh key…
            </Button>
          ) : null}
          <Button size="sm" variant="danger" onClick={revoke} disabled={busy} aria-label={`Revoke ${name}`}>
            Revoke
          </Button>
        </div>
      ) : null}
      {refreshing ? (
        <form id={refreshId} onSubmit={refresh} className="mt-3 flex flex-wrap items-end gap-3 rounded-md bg-slate-50 p-3">
          <Field
            label="Grace period (seconds)"
            hint="A new key replaces this one. Keep the old key working this long (up to 86400, one day); empty: it stops now."
            errors={problem?.fieldErrors("grace_seconds")}
            className="max-w-md flex-1"
          >
            <input type="number" min={0} max={86400} inputMode="numeric" value={grace} onChange={(e) => setGrace(e.target.value)} className={inputClass} placeholder="0" />
          </Field>
          <Button type="submit" variant="primary" size="sm" disabled={busy}>
            Refresh now
          </Button>
        </form>
      ) : null}
      {problem ? <div className="mt-3"><ProblemAlert problem={problem} shownFields={refreshing ? ["grace_seconds"] : []} /></div> : null}
    </li>
  );
}
