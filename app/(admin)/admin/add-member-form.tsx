"use client";

import { useForm, useWatch } from "react-hook-form";
import { apiFetch } from "@/lib/client/api";
import { bodyResolver } from "@/lib/client/form";
import { memberBody, memberFormDefaults, memberFormSchema, type MemberFormValues } from "@/lib/client/forms";
import { useApiMutation } from "@/lib/client/swr";
import type { CreatedUser, Role } from "@/lib/client/types";
import { peopleRoles, type Manager } from "@/lib/client/roles";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { ProblemAlert } from "@/components/ui/Alert";
import { focusFirstProblem } from "@/components/ui/focus";
import { useToast } from "@/components/ui/Toast";
import { useFieldMessages } from "@/components/ui/useFieldMessages";
import { useUnsavedChanges } from "@/components/ui/useUnsavedChanges";
import { checkboxClass, inputClass } from "@/components/ui/styles";

const SHOWN_FIELDS = ["email", "name", "role_id", "role", "password", "token_description"];

/** POST /api/v1/users: a person with a password, a bot with its first token (shown once), or both. */
/** `roles` is null while loading, or when the admin's role cannot list roles: then the role is typed by name. */
export function AddMemberForm({
  roles,
  rolesReadable,
  publicRoleId,
  manager,
  onCreated,
}: {
  roles: Role[] | null;
  rolesReadable: boolean;
  publicRoleId: number | null;
  manager: Manager;
  onCreated: (user: CreatedUser) => void;
}) {
  const offered = roles ? peopleRoles(roles, manager, publicRoleId) : null;
  const defaultRole = offered?.find((r) => r.name === "Viewer") ?? offered?.[0];
  const toBody = (values: MemberFormValues) => memberBody({ ...values, role: values.role || String(defaultRole?.id ?? "") }, rolesReadable);
  const form = useForm<MemberFormValues>({ resolver: bodyResolver(memberFormSchema, toBody), mode: "onTouched", defaultValues: memberFormDefaults });
  const [withToken, role] = useWatch({ control: form.control, name: ["create_token", "role"] });
  const create = useApiMutation("/api/v1/users", (values: MemberFormValues) => apiFetch<CreatedUser>("/api/v1/users", { method: "POST", body: toBody(values) }));

  const toast = useToast();
  useUnsavedChanges(form.formState.isDirty);

  // The form element from the event (not a ref): focus goes to its first refused field.
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const formEl = event.currentTarget;
    return form.handleSubmit(async (values) => {
    const outcome = await create.run(values);
    if (!outcome.ok) return focusFirstProblem(() => formEl);
    form.reset();
    toast(`${outcome.data.email} added`);
    onCreated(outcome.data);
    })(event);
  };

  const messages = useFieldMessages(form, create.problem);

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a member" className="space-y-4 rounded-md border border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/60 p-4">
      <h3 className="text-sm font-semibold text-slate-800 dark:text-slate-200">Add a member</h3>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="E-mail" errors={messages("email")}>
          <input {...form.register("email")} type="email" required autoComplete="off" className={inputClass} />
        </Field>
        <Field label="Name" errors={messages("name")}>
          <input {...form.register("name")} autoComplete="off" className={inputClass} />
        </Field>
        <Field label="Role" errors={messages("role_id", "role")}>
          {rolesReadable ? (
            <select {...form.register("role")} value={role || String(defaultRole?.id ?? "")} disabled={!roles} className={inputClass}>
              {(offered ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          ) : (
            <input {...form.register("role")} required placeholder="Viewer" className={inputClass} />
          )}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Password" hint="At least 8 characters. Leave empty for a bot that signs in only with its token." errors={messages("password")}>
          <input {...form.register("password")} type="password" autoComplete="new-password" className={inputClass} />
        </Field>
        <div className="space-y-2">
          <label className="flex items-center gap-2 pt-6 text-sm font-medium text-slate-700 dark:text-slate-300">
            <input type="checkbox" {...form.register("create_token")} className={checkboxClass} />
            Create their first API token
          </label>
          {withToken ? (
            <div className="space-y-2">
              <Field label="Token description" errors={messages("token_description")}>
                <input {...form.register("token_description")} maxLength={255} className={inputClass} placeholder="deploy bot" />
              </Field>
              <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
                <input type="checkbox" {...form.register("token_write_enabled")} className={checkboxClass} />
                Token may write
              </label>
            </div>
          ) : null}
        </div>
      </div>
      <ProblemAlert problem={create.problem} shownFields={SHOWN_FIELDS} />
      <Button type="submit" variant="primary" disabled={create.busy || (rolesReadable && !roles)}>
        {create.busy ? "Adding…" : "Add member"}
      </Button>
    </form>
  );
}
