"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { apiFetch } from "@/lib/client/api";
import { bodyResolver } from "@/lib/client/form";
import { NO_PUBLIC_ROLE, settingsBody, settingsFormSchema, type SettingsFormValues } from "@/lib/client/forms";
import { useApiMutation } from "@/lib/client/swr";
import type { Role, Settings } from "@/lib/client/types";
import { Badge } from "@/components/ui/Badge";
import { Section } from "@/components/ui/Section";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { Notice, ProblemAlert } from "@/components/ui/Alert";
import { useConfirm } from "@/components/ui/ConfirmDialog";
import { useToast } from "@/components/ui/Toast";
import { useUnsavedChanges } from "@/components/ui/useUnsavedChanges";
import { focusFirstProblem } from "@/components/ui/focus";
import { useFieldMessages } from "@/components/ui/useFieldMessages";
import { inputClass } from "@/components/ui/styles";

// Subscribers and webhooks are never public (lib/roles NEVER_PUBLIC): such a role cannot be the public one.
const neverPublic = (r: { permissions: readonly string[] }) => ["subscribers", "webhooks"].find((res) => r.permissions.some((p) => p.startsWith(`${res}:`)));
type Choice = { id: number; name: string; permissions: readonly string[] };

/**
 * The public API role (what anonymous requests may read) and the site name. What anonymous visitors
 * actually get is the API's answer, `anonymous_permissions`: the role capped to public reads.
 */
export function SettingsSection({ settings, roles, canWrite }: { settings: Settings | null; roles: Role[] | null; canWrite: boolean }) {
  const [saved, setSaved] = useState(false);
  // Without roles:read the picker can only show the current role.
  const choices = roles ?? (settings?.public_role_id ? [{ id: settings.public_role_id, name: settings.public_role ?? "", permissions: [] as string[] }] : []);

  return (
    <Section title="Public API and settings" description="What anonymous visitors of the API may read, and the name of this site.">
      {settings === null ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
      ) : (
        <>
          <div className="rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-800" data-testid="anonymous-permissions">
            <p className="font-medium text-slate-800 dark:text-slate-200">Anonymous visitors get:</p>
            {settings.anonymous_permissions.length ? (
              <ul className="mt-2 flex flex-wrap gap-1.5">
                {settings.anonymous_permissions.map((p) => (
                  <li key={p}>
                    <Badge tone="green">{p}</Badge>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-slate-700 dark:text-slate-300">Nothing: every API request needs credentials.</p>
            )}
            <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
              Whatever the role grants, anonymous requests only ever read components, incidents, pages and menus, and never see disabled,
              hidden or unpublished ones.
            </p>
          </div>
          <SettingsForm
            key={`${settings.updated_at}:${choices.map((r) => r.id).join(",")}`}
            settings={settings}
            choices={choices}
            canWrite={canWrite}
            canPickRole={canWrite && roles !== null}
            saved={saved}
            onSaved={setSaved}
          />
        </>
      )}
    </Section>
  );
}

/** Remounted (fresh defaults) whenever the settings or the role choices change. */
function SettingsForm({
  settings,
  choices,
  canWrite,
  canPickRole,
  saved,
  onSaved,
}: {
  settings: Settings;
  choices: Choice[];
  canWrite: boolean;
  canPickRole: boolean;
  saved: boolean;
  onSaved: (saved: boolean) => void;
}) {
  const router = useRouter();
  const form = useForm<SettingsFormValues>({
    resolver: bodyResolver(settingsFormSchema, (values: SettingsFormValues) => settingsBody(values, canPickRole)),
    mode: "onTouched",
    defaultValues: { site_name: settings.site_name, public_role_id: settings.public_role_id === null ? NO_PUBLIC_ROLE : String(settings.public_role_id) },
  });
  const save = useApiMutation("/api/v1/settings", (values: SettingsFormValues) =>
    apiFetch<Settings>("/api/v1/settings", { method: "PATCH", body: settingsBody(values, canPickRole) }),
  );
  const messages = useFieldMessages(form, save.problem);
  const confirm = useConfirm();
  const toast = useToast();
  useUnsavedChanges(form.formState.isDirty);

  // The form element from the event (not a ref): focus goes to its first refused field.
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const formEl = event.currentTarget;
    return form.handleSubmit(async (values) => {
    onSaved(false);
    const dropsPublicRole = canPickRole && values.public_role_id === NO_PUBLIC_ROLE && settings.public_role_id !== null;
    if (
      dropsPublicRole &&
      !(await confirm({
        title: "Require credentials for every API request?",
        body: (
          <>
            With no public API role, anonymous API clients will get <strong>401 Unauthorized</strong> on every endpoint, including the
            components and incidents that status widgets and scripts read today. The status page itself stays public.
          </>
        ),
        confirmLabel: "Remove the public role",
      }))
    )
      return;
    if (!(await save.run(values)).ok) return focusFirstProblem(() => formEl);
    onSaved(true);
    toast("Settings saved");
    router.refresh(); // the header shows the site name
    })(event);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Settings" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Public API role" errors={messages("public_role_id")}>
          <select {...form.register("public_role_id")} disabled={!canPickRole} className={inputClass}>
            <option value={NO_PUBLIC_ROLE}>None — every request needs credentials</option>
            {choices.map((r) => (
              <option key={r.id} value={r.id} disabled={neverPublic(r) !== undefined}>
                {r.name}
                {neverPublic(r) ? ` (grants ${neverPublic(r)}: not allowed)` : ""}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Site name" errors={messages("site_name")}>
          <input {...form.register("site_name")} required maxLength={100} disabled={!canWrite} className={inputClass} />
        </Field>
      </div>
      <ProblemAlert problem={save.problem} shownFields={["public_role_id", "site_name"]} />
      {saved ? <Notice>Settings saved.</Notice> : null}
      {canWrite ? (
        <Button type="submit" variant="primary" disabled={save.busy}>
          Save settings
        </Button>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Your role may read these settings but not change them.</p>
      )}
    </form>
  );
}
