"use client";

import { useState } from "react";
import { ApiProblem, apiFetch, toProblem } from "@/lib/client/api";
import { localInputToIso, splitList } from "@/lib/client/format";
import type { Token } from "@/lib/client/types";
import type { Permission } from "@/lib/auth/permissions";
import { PermissionMatrix } from "@/components/PermissionMatrix";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { ProblemAlert } from "@/components/ui/Alert";
import { checkboxClass, inputClass } from "@/components/ui/styles";

const SHOWN_FIELDS = ["description", "expires_at", "write_enabled", "allowed_ips", "scopes"];

/** POST /api/v1/tokens. Scopes offered are the permissions you hold: a token can never exceed them. */
export function TokenCreateForm({ permissions, onCreated }: { permissions: string[]; onCreated: (token: Token) => void }) {
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [scopes, setScopes] = useState<Permission[]>([]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const expires = String(data.get("expires_at") ?? "");
    setBusy(true);
    setProblem(null);
    try {
      const token = await apiFetch<Token>("/api/v1/tokens", {
        method: "POST",
        body: {
          description: String(data.get("description") ?? ""),
          write_enabled: data.get("write_enabled") === "on",
          allowed_ips: splitList(String(data.get("allowed_ips") ?? "")),
          ...(expires ? { expires_at: localInputToIso(expires) } : {}),
          ...(scopes.length ? { scopes } : {}),
        },
      });
      form.reset();
      setScopes([]);
      onCreated(token);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }

  const errors = (field: string) => problem?.fieldErrors(field) ?? [];

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Create a token">
      <h3 className="text-sm font-semibold text-slate-800">Create a token</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Description" hint="What the token is for, e.g. “deploy bot”." errors={errors("description")}>
          <input name="description" maxLength={200} className={inputClass} placeholder="deploy bot" />
        </Field>
        <Field label="Expires" hint="Your local time. Empty: never expires." errors={errors("expires_at")}>
          <input name="expires_at" type="datetime-local" className={inputClass} />
        </Field>
      </div>
      <Field
        label="Allowed IPs"
        hint="Addresses or CIDR networks, separated by commas or new lines. Empty: any address."
        errors={errors("allowed_ips")}
      >
        <textarea name="allowed_ips" rows={2} className={`${inputClass} font-mono`} placeholder="203.0.113.0/24, 2001:db8::/32" />
      </Field>
      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" name="write_enabled" defaultChecked className={checkboxClass} />
          Write enabled
        </label>
        <p className="mt-1 text-xs text-slate-500">Unchecked: a read-only token, for GET requests only (and revoking itself).</p>
        {errors("write_enabled").map((m) => (
          <p key={m} className="mt-1 text-xs text-red-700">
            {m}
          </p>
        ))}
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Scopes (optional)</legend>
        <p className="mb-2 text-xs text-slate-500">Limit the token to some of your permissions. None checked: all of them.</p>
        <PermissionMatrix caption="Scopes of the new token" selected={scopes} onChange={setScopes} available={permissions} />
        {errors("scopes").map((m) => (
          <p key={m} className="mt-1 text-xs text-red-700">
            {m}
          </p>
        ))}
      </fieldset>
      <ProblemAlert problem={problem} shownFields={SHOWN_FIELDS} />
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Creating…" : "Create token"}
      </Button>
    </form>
  );
}
