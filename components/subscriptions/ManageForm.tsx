"use client";

import { useState } from "react";
import { apiFetch, toProblem, type ApiProblem } from "@/lib/client/api";
import { ComponentChoice, type ChoiceGroup } from "./ComponentChoice";
import * as s from "./styles";

interface Subscription {
  email: string;
  component_ids: number[];
}

/** Change the components of a subscription, or unsubscribe, with the signed code of the manage link. */
export function ManageForm({ code, groups, initial }: { code: string; groups: ChoiceGroup[]; initial: Subscription }) {
  const [scope, setScope] = useState({ all: initial.component_ids.length === 0, chosen: initial.component_ids });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [unsubscribed, setUnsubscribed] = useState<string | null>(null);

  if (unsubscribed) {
    return (
      <div className={s.success} role="status" data-testid="unsubscribed">
        <p className="font-medium">{unsubscribed}</p>
        <p className="mt-1 text-sm">
          You can subscribe again at any time on the <a className={s.link} href="/subscribe">Subscribe page</a>.
        </p>
      </div>
    );
  }

  async function save() {
    setProblem(null);
    setSaved(false);
    setLocalError(null);
    if (!scope.all && scope.chosen.length === 0) {
      setLocalError("Choose at least one component, or all components.");
      return;
    }
    setBusy(true);
    try {
      const res = await apiFetch<Subscription>("/api/v1/subscriptions/preferences", { method: "PUT", body: { code, component_ids: scope.all ? [] : scope.chosen } });
      setScope({ all: res.component_ids.length === 0, chosen: res.component_ids });
      setSaved(true);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }

  async function leave() {
    setProblem(null);
    setBusy(true);
    try {
      const res = await apiFetch<{ detail: string }>("/api/v1/subscriptions/unsubscribe", { method: "POST", body: { code } });
      setUnsubscribed(res.detail);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }

  const componentErrors = [...(problem?.fieldErrors("component_ids") ?? []), ...(localError ? [localError] : [])];
  const codeErrors = problem?.fieldErrors("code") ?? [];
  const otherProblem = problem ? (codeErrors[0] ?? (componentErrors.length ? null : problem.detail)) : null;
  return (
    <div aria-busy={busy}>
      <p className={s.muted}>
        Updates go to <strong className="text-slate-900 dark:text-slate-100">{initial.email}</strong>.
      </p>
      <ComponentChoice
        groups={groups}
        all={scope.all}
        chosen={scope.chosen}
        onChange={(next) => {
          setSaved(false);
          setScope(next);
        }}
        disabled={busy}
        errors={componentErrors}
      />
      <div aria-live="polite" className="mt-4">
        {saved ? (
          <p className={`${s.success} text-sm`} data-testid="preferences-saved">
            Your choice is saved.
          </p>
        ) : null}
      </div>
      {otherProblem ? (
        <div role="alert" className={`${s.error} mt-4 text-sm`}>
          {otherProblem}
        </div>
      ) : null}
      <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:justify-between">
        {groups.length ? (
          <button type="button" className={s.primary} onClick={save} disabled={busy}>
            Save my choice
          </button>
        ) : null}
        <button type="button" className={s.danger} onClick={leave} disabled={busy}>
          Unsubscribe
        </button>
      </div>
    </div>
  );
}
