"use client";

import { Controller, useForm } from "react-hook-form";
import { apiFetch } from "@/lib/client/api";
import { bodyResolver, fieldMessages } from "@/lib/client/form";
import { tokenBody, tokenFormDefaults, tokenFormSchema, type TokenFormValues } from "@/lib/client/forms";
import { useApiMutation } from "@/lib/client/swr";
import type { Token } from "@/lib/client/types";
import { PermissionMatrix } from "@/components/PermissionMatrix";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { ProblemAlert } from "@/components/ui/Alert";
import { cn } from "@/components/ui/cn";
import { checkboxClass, inputClass } from "@/components/ui/styles";

const SHOWN_FIELDS = ["description", "expires_at", "write_enabled", "allowed_ips", "scopes"];
const resolver = bodyResolver<TokenFormValues>(tokenFormSchema, tokenBody);

/** POST /api/v1/tokens. Scopes offered are the permissions you hold: a token can never exceed them. */
export function TokenCreateForm({ permissions, onCreated }: { permissions: string[]; onCreated: (token: Token) => void }) {
  const form = useForm<TokenFormValues>({ resolver, mode: "onTouched", defaultValues: tokenFormDefaults });
  const { errors } = form.formState;
  const create = useApiMutation("/api/v1/tokens", (values: TokenFormValues) =>
    apiFetch<Token>("/api/v1/tokens", { method: "POST", body: tokenBody(values) }),
  );

  const onSubmit = form.handleSubmit(async (values) => {
    const outcome = await create.run(values);
    if (!outcome.ok) return;
    form.reset();
    onCreated(outcome.data);
  });

  const messages = (field: string) => fieldMessages(errors, create.problem, field);

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Create a token">
      <h3 className="text-sm font-semibold text-slate-800">Create a token</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Description" hint="What the token is for, e.g. “deploy bot”." errors={messages("description")}>
          <input {...form.register("description")} maxLength={200} className={inputClass} placeholder="deploy bot" />
        </Field>
        <Field label="Expires" hint="Your local time. Empty: never expires." errors={messages("expires_at")}>
          <input {...form.register("expires_at")} type="datetime-local" className={inputClass} />
        </Field>
      </div>
      <Field
        label="Allowed IPs"
        hint="Addresses or CIDR networks, separated by commas or new lines. Empty: any address."
        errors={messages("allowed_ips")}
      >
        <textarea {...form.register("allowed_ips")} rows={2} className={cn(inputClass, "font-mono")} placeholder="203.0.113.0/24, 2001:db8::/32" />
      </Field>
      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" {...form.register("write_enabled")} className={checkboxClass} />
          Write enabled
        </label>
        <p className="mt-1 text-xs text-slate-500">Unchecked: a read-only token, for GET requests only (and revoking itself).</p>
        {messages("write_enabled").map((m) => (
          <p key={m} className="mt-1 text-xs text-red-700">
            {m}
          </p>
        ))}
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Scopes (optional)</legend>
        <p className="mb-2 text-xs text-slate-500">Limit the token to some of your permissions. None checked: all of them.</p>
        <Controller
          control={form.control}
          name="scopes"
          render={({ field }) => (
            <PermissionMatrix caption="Scopes of the new token" selected={field.value} onChange={field.onChange} available={permissions} />
          )}
        />
        {messages("scopes").map((m) => (
          <p key={m} className="mt-1 text-xs text-red-700">
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
