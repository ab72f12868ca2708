"use client";

import { useState } from "react";
import { ApiProblem, apiFetch, toProblem } from "@/lib/client/api";
import type { CreatedUser, Role } from "@/lib/client/types";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { ProblemAlert } from "@/components/ui/Alert";
import { checkboxClass, inputClass } from "@/components/ui/styles";

const SHOWN_FIELDS = ["email", "name", "role_id", "role", "password", "token_description"];

/** POST /api/v1/users: a person with a password, a bot with its first token (shown once), or both. */
/** `roles` is null while loading, or when the admin's role cannot list roles: then the role is typed by name. */
export function AddMemberForm({ roles, rolesReadable, onCreated }: { roles: Role[] | null; rolesReadable: boolean; onCreated: (user: CreatedUser) => void }) {
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [withToken, setWithToken] = useState(false);
  const defaultRole = roles?.find((r) => r.name === "Viewer") ?? roles?.[0];

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "");
    const role = text("role");
    setBusy(true);
    setProblem(null);
    try {
      const user = await apiFetch<CreatedUser>("/api/v1/users", {
        method: "POST",
        body: {
          email: text("email"),
          name: text("name"),
          ...(rolesReadable ? { role_id: Number(role) } : { role }),
          ...(text("password") ? { password: text("password") } : {}),
          ...(withToken
            ? { create_token: true, token_description: text("token_description"), token_write_enabled: data.get("token_write_enabled") === "on" }
            : {}),
        },
      });
      form.reset();
      setWithToken(false);
      onCreated(user);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }

  const errors = (...fields: string[]) => fields.flatMap((f) => problem?.fieldErrors(f) ?? []);

  return (
    <form onSubmit={onSubmit} aria-label="Add a member" className="space-y-4 rounded-md border border-slate-200 bg-slate-50 p-4">
      <h3 className="text-sm font-semibold text-slate-800">Add a member</h3>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="E-mail" errors={errors("email")}>
          <input name="email" type="email" required autoComplete="off" className={inputClass} />
        </Field>
        <Field label="Name" errors={errors("name")}>
          <input name="name" autoComplete="off" className={inputClass} />
        </Field>
        <Field label="Role" errors={errors("role_id", "role")}>
          {rolesReadable ? (
            <select key={defaultRole?.id} name="role" defaultValue={defaultRole?.id} disabled={!roles} className={inputClass}>
              {(roles ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          ) : (
            <input name="role" required placeholder="Viewer" className={inputClass} />
          )}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Password" hint="At least 8 characters. Leave empty for a bot that signs in only with its token." errors={errors("password")}>
          <input name="password" type="password" autoComplete="new-password" className={inputClass} />
        </Field>
        <div className="space-y-2">
          <label className="flex items-center gap-2 pt-6 text-sm font-medium text-slate-700">
            <input type="checkbox" className={checkboxClass} checked={withToken} onChange={(e) => setWithToken(e.target.checked)} />
            Create their first API token
          </label>
          {withToken ? (
            <div className="space-y-2">
              <Field label="Token description" errors={errors("token_description")}>
                <input name="token_description" maxLength={255} className={inputClass} placeholder="deploy bot" />
              </Field>
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="token_write_enabled" defaultChecked className={checkboxClass} />
                Token may write
              </label>
            </div>
          ) : null}
        </div>
      </div>
      <ProblemAlert problem={problem} shownFields={SHOWN_FIELDS} />
      <Button type="submit" variant="primary" disabled={busy || (rolesReadable && !roles)}>
        {busy ? "Adding…" : "Add member"}
      </Button>
    </form>
  );
}
