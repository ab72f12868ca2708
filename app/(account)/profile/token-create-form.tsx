"use client";

import { useId, useState, useSyncExternalStore } from "react";
import { Controller, useForm } from "react-hook-form";
import { apiFetch } from "@/lib/client/api";
import { bodyResolver } from "@/lib/client/form";
import { tokenBody, tokenFormDefaults, tokenFormSchema, type TokenFormValues } from "@/lib/client/forms";
import { useApiMutation } from "@/lib/client/swr";
import type { Token } from "@/lib/client/types";
import { PermissionMatrix } from "@/components/PermissionMatrix";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { ProblemAlert } from "@/components/ui/Alert";
import { cn } from "@/components/ui/cn";
import { focusFirstProblem } from "@/components/ui/focus";
import { useFieldMessages } from "@/components/ui/useFieldMessages";
import { useUnsavedChanges } from "@/components/ui/useUnsavedChanges";
import { checkboxClass, inputClass } from "@/components/ui/styles";
import { EXPIRY_PRESETS, presetToLocalInput, type ExpiryPreset } from "./token-state";

// As GitHub does: 30 days unless the user picks otherwise.
const DEFAULT_EXPIRY: ExpiryPreset = "30";

const noSubscription = () => () => {};
/** "Expires on Jan 1, 2027" for a preset: computed in the browser only (the server knows no time zone). */
function ExpiryDate({ days }: { days: number }) {
  const text = useSyncExternalStore(
    noSubscription,
    () => new Date(Math.floor(Date.now() / 60000) * 60000 + days * 86400_000).toLocaleDateString(undefined, { dateStyle: "medium" }),
    () => "",
  );
  return <>The token expires on {text}.</>;
}

const SHOWN_FIELDS = ["description", "expires_at", "write_enabled", "allowed_ips", "scopes"];
const resolver = bodyResolver<TokenFormValues>(tokenFormSchema, tokenBody);

/** POST /api/v1/tokens. Scopes offered are the permissions you hold: a token can never exceed them. */
export function TokenCreateForm({ permissions, onCreated }: { permissions: string[]; onCreated: (token: Token) => void }) {
  const form = useForm<TokenFormValues>({ resolver, mode: "onTouched", defaultValues: tokenFormDefaults });
  const create = useApiMutation("/api/v1/tokens", (values: TokenFormValues) =>
    apiFetch<Token>("/api/v1/tokens", { method: "POST", body: tokenBody(values) }),
  );

  useUnsavedChanges(form.formState.isDirty);

  // The form element from the event (not a ref): focus goes to its first refused field.
  const [preset, setPreset] = useState<ExpiryPreset>(DEFAULT_EXPIRY);
  const presetId = useId();
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const formEl = event.currentTarget;
    // A preset counts from the moment of sending; a custom date is the one typed.
    const fromPreset = presetToLocalInput(preset, new Date());
    if (fromPreset !== null) form.setValue("expires_at", fromPreset);
    return form.handleSubmit(async (values) => {
      const outcome = await create.run(values);
      if (!outcome.ok) return focusFirstProblem(() => formEl);
      form.reset();
      setPreset(DEFAULT_EXPIRY);
      onCreated(outcome.data);
    })(event);
  };

  const messages = useFieldMessages(form, create.problem);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create a token">
      <h3 className="text-sm font-semibold text-slate-800 dark:text-slate-200">Create a token</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Description" hint="What the token is for, e.g. “deploy bot”." errors={messages("description")}>
          <input {...form.register("description")} maxLength={200} className={inputClass} placeholder="deploy bot" />
        </Field>
        <div>
          <label htmlFor={presetId} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-300">
            Expiration
          </label>
          <select id={presetId} value={preset} onChange={(e) => setPreset(e.target.value as ExpiryPreset)} className={inputClass}>
            {EXPIRY_PRESETS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="expiry-summary">
            {preset === "never" ? "The token never expires: prefer an expiry for anything but long-lived integrations." : preset === "custom" ? "Pick the date and time below (your local time)." : <ExpiryDate days={Number(preset)} />}
          </p>
          {preset === "custom" ? (
            <Field label="Expires at" errors={messages("expires_at")} className="mt-2">
              <input {...form.register("expires_at")} type="datetime-local" className={inputClass} />
            </Field>
          ) : (
            messages("expires_at").map((m) => (
              <p key={m} className="mt-1 text-xs text-red-700 dark:text-red-300">
                {m}
              </p>
            ))
          )}
        </div>
      </div>
      <Field
        label="Allowed IPs"
        hint="Addresses or CIDR networks, separated by commas or new lines. Empty: any address."
        errors={messages("allowed_ips")}
      >
        <textarea {...form.register("allowed_ips")} rows={2} className={cn(inputClass, "font-mono")} placeholder="203.0.113.0/24, 2001:db8::/32" />
      </Field>
      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700 dark:text-slate-300">
          <input type="checkbox" {...form.register("write_enabled")} className={checkboxClass} />
          Write enabled
        </label>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Unchecked: a read-only token, for GET requests only (and revoking itself).</p>
        {messages("write_enabled").map((m) => (
          <p key={m} className="mt-1 text-xs text-red-700 dark:text-red-300">
            {m}
          </p>
        ))}
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Scopes (optional)</legend>
        <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">Limit the token to some of your permissions. None checked: all of them.</p>
        <Controller
          control={form.control}
          name="scopes"
          render={({ field }) => (
            <PermissionMatrix caption="Scopes of the new token" selected={field.value} onChange={field.onChange} available={permissions} />
          )}
        />
        {messages("scopes").map((m) => (
          <p key={m} className="mt-1 text-xs text-red-700 dark:text-red-300">
            {m}
          </p>
        ))}
      </fieldset>
      <ProblemAlert problem={create.problem} shownFields={SHOWN_FIELDS} />
      <Button type="submit" variant="primary" disabled={create.busy}>
        {create.busy ? "Creating…" : "Create token"}
      </Button>
    </form>
  );
}
