"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiProblem, apiFetch, toProblem } from "@/lib/client/api";
import type { Role, Settings } from "@/lib/client/types";
import { Badge } from "@/components/ui/Badge";
import { Section } from "@/components/ui/Section";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { Notice, ProblemAlert } from "@/components/ui/Alert";
import { inputClass } from "@/components/ui/styles";

const NONE = "";
const grantsSubscribers = (r: { permissions: readonly string[] }) => r.permissions.some((p) => p.startsWith("subscribers:"));

/**
 * The public API role (what anonymous requests may read) and the site name. What anonymous visitors
 * actually get is the API's answer, `anonymous_permissions`: the role capped to public reads.
 */
export function SettingsSection({
  settings,
  roles,
  canWrite,
  onSaved,
}: {
  settings: Settings | null;
  roles: Role[] | null;
  canWrite: boolean;
  onSaved: (settings: Settings) => void;
}) {
  const router = useRouter();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    // A disabled picker (roles unreadable) is left out of the form data: then the role is left alone.
    const publicRole = data.get("public_role_id");
    setBusy(true);
    setProblem(null);
    setSaved(false);
    try {
      const next = await apiFetch<Settings>("/api/v1/settings", {
        method: "PATCH",
        body: {
          site_name: String(data.get("site_name") ?? ""),
          ...(publicRole === null ? {} : { public_role_id: publicRole === NONE ? null : Number(publicRole) }),
        },
      });
      onSaved(next);
      setSaved(true);
      router.refresh(); // the header shows the site name
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }

  // Without roles:read the picker can only show the current role.
  const choices = roles ?? (settings?.public_role_id ? [{ id: settings.public_role_id, name: settings.public_role ?? "", permissions: [] as string[] }] : []);

  return (
    <Section title="Public API and settings" description="What anonymous visitors of the API may read, and the name of this site.">
      {settings === null ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : (
        <>
          <div className="rounded-md bg-slate-50 p-3 text-sm" data-testid="anonymous-permissions">
            <p className="font-medium text-slate-800">Anonymous visitors get:</p>
            {settings.anonymous_permissions.length ? (
              <ul className="mt-2 flex flex-wrap gap-1.5">
                {settings.anonymous_permissions.map((p) => (
                  <li key={p}>
                    <Badge tone="green">{p}</Badge>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-slate-700">Nothing: every API request needs credentials.</p>
            )}
            <p className="mt-2 text-xs text-slate-500">
              Whatever the role grants, anonymous requests only ever read components, incidents, pages and menus, and never see disabled,
              hidden or unpublished ones.
            </p>
          </div>
          <form key={`${settings.updated_at}:${choices.map((r) => r.id).join(",")}`} onSubmit={onSubmit} aria-label="Settings" className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Public API role" errors={problem?.fieldErrors("public_role_id")}>
                <select name="public_role_id" defaultValue={settings.public_role_id ?? NONE} disabled={!canWrite || !roles} className={inputClass}>
                  <option value={NONE}>None — every request needs credentials</option>
                  {choices.map((r) => (
                    <option key={r.id} value={r.id} disabled={grantsSubscribers(r)}>
                      {r.name}
                      {grantsSubscribers(r) ? " (grants subscribers: not allowed)" : ""}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Site name" errors={problem?.fieldErrors("site_name")}>
                <input name="site_name" required maxLength={100} defaultValue={settings.site_name} disabled={!canWrite} className={inputClass} />
              </Field>
            </div>
            <ProblemAlert problem={problem} shownFields={["public_role_id", "site_name"]} />
            {saved ? <Notice>Settings saved.</Notice> : null}
            {canWrite ? (
              <Button type="submit" variant="primary" disabled={busy}>
                Save settings
              </Button>
            ) : (
              <p className="text-sm text-slate-500">Your role may read these settings but not change them.</p>
            )}
          </form>
        </>
      )}
    </Section>
  );
}
