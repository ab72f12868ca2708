"use client";

import { Controller, useForm } from "react-hook-form";
import { apiFetch } from "@/lib/client/api";
import { bodyResolver } from "@/lib/client/form";
import { roleBody, roleFormDefaults, roleFormSchema, type RoleFormValues } from "@/lib/client/forms";
import { useApiMutation } from "@/lib/client/swr";
import { PermissionMatrix } from "@/components/PermissionMatrix";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { ProblemAlert } from "@/components/ui/Alert";
import { focusFirstProblem } from "@/components/ui/focus";
import { useToast } from "@/components/ui/Toast";
import { useFieldMessages } from "@/components/ui/useFieldMessages";
import { useUnsavedChanges } from "@/components/ui/useUnsavedChanges";
import { inputClass } from "@/components/ui/styles";

const resolver = bodyResolver<RoleFormValues>(roleFormSchema, roleBody);

/** POST /api/v1/roles: a custom role with its first permissions. */
export function CreateRoleForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const form = useForm<RoleFormValues>({ resolver, mode: "onTouched", defaultValues: roleFormDefaults });
  const create = useApiMutation("/api/v1/roles", (values: RoleFormValues) => apiFetch("/api/v1/roles", { method: "POST", body: roleBody(values) }));
  const messages = useFieldMessages(form, create.problem);
  const toast = useToast();
  useUnsavedChanges(form.formState.isDirty);

  // The form element from the event (not a ref): focus goes to its first refused field.
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const formEl = event.currentTarget;
    return form.handleSubmit(async (values) => {
    if (!(await create.run(values)).ok) return focusFirstProblem(() => formEl);
    form.reset();
    toast(`Role ${values.name} created`);
    await onCreated();
    })(event);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create a role" className="space-y-3 rounded-md border border-dashed border-slate-300 dark:border-slate-600 p-4">
      <h3 className="text-sm font-semibold text-slate-800 dark:text-slate-200">Create a custom role</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Role name" errors={messages("name")}>
          <input {...form.register("name")} required maxLength={255} className={inputClass} placeholder="Status writer" />
        </Field>
        <Field label="Role description" errors={messages("description")}>
          <input {...form.register("description")} className={inputClass} />
        </Field>
      </div>
      <Controller
        control={form.control}
        name="permissions"
        render={({ field }) => <PermissionMatrix caption="Permissions of the new role" selected={field.value} onChange={field.onChange} />}
      />
      <ProblemAlert problem={create.problem} shownFields={["name", "description"]} />
      <Button type="submit" variant="primary" disabled={create.busy}>
        Create role
      </Button>
    </form>
  );
}
