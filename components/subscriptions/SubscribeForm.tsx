"use client";

import { useState, type FormEvent } from "react";
import { apiFetch, toProblem, type ApiProblem } from "@/lib/client/api";
import { ComponentChoice, type ChoiceGroup } from "./ComponentChoice";
import * as s from "./styles";

/** The public Subscribe form: an e-mail and, optionally, components; then "check your inbox". */
export function SubscribeForm({ groups, mailEnabled }: { groups: ChoiceGroup[]; mailEnabled: boolean }) {
  const [email, setEmail] = useState("");
  const [scope, setScope] = useState<{ all: boolean; chosen: number[] }>({ all: true, chosen: [] });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  if (!mailEnabled) {
    return (
      <div className={s.warning} role="status" data-testid="mail-off">
        <p className="font-medium">E-mail notifications are not available on this status page.</p>
        <p className="mt-1 text-sm">Its administrator has not configured a mail server yet. Check back on this page for updates.</p>
      </div>
    );
  }

  if (sent) {
    return (
      <div className={s.success} role="status" data-testid="subscribe-sent">
        <p className="font-medium">{sent}</p>
        <p className="mt-1 text-sm">
          We sent a link to <strong>{email}</strong>. Open it within 48 hours to start receiving updates. Nothing is sent until then.
        </p>
        <button type="button" className={`${s.link} mt-2 text-sm`} onClick={() => setSent(null)}>
          Use another address
        </button>
      </div>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setLocalError(null);
    if (!scope.all && scope.chosen.length === 0) {
      setLocalError("Choose at least one component, or all components.");
      return;
    }
    setBusy(true);
    try {
      const res = await apiFetch<{ detail: string }>("/api/v1/subscriptions", {
        method: "POST",
        body: { email, ...(scope.all ? {} : { component_ids: scope.chosen }) },
      });
      setSent(res.detail);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }

  const emailErrors = problem?.fieldErrors("email") ?? [];
  const componentErrors = [...(problem?.fieldErrors("component_ids") ?? []), ...(localError ? [localError] : [])];
  const otherProblem = problem && emailErrors.length === 0 && componentErrors.length === 0 ? problem.detail : null;
  return (
    <form onSubmit={submit} noValidate aria-busy={busy}>
      <label htmlFor="subscribe-email" className={s.label}>
        E-mail address
      </label>
      <input
        id="subscribe-email"
        name="email"
        type="email"
        autoComplete="email"
        required
        className={s.input}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        aria-invalid={emailErrors.length ? true : undefined}
        aria-describedby={emailErrors.length ? "subscribe-email-errors" : "subscribe-email-hint"}
      />
      {emailErrors.length ? (
        <ul id="subscribe-email-errors" className="mt-1 text-sm text-red-800 dark:text-red-300">
          {emailErrors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : (
        <p id="subscribe-email-hint" className={`mt-1 text-sm ${s.muted}`}>
          We will send a confirmation link first. Every e-mail has an unsubscribe link.
        </p>
      )}
      <ComponentChoice groups={groups} all={scope.all} chosen={scope.chosen} onChange={setScope} disabled={busy} errors={componentErrors} />
      {otherProblem ? (
        <div role="alert" className={`${s.error} mt-4 text-sm`}>
          {otherProblem}
        </div>
      ) : null}
      <button type="submit" className={`${s.primary} mt-6 w-full sm:w-auto`} disabled={busy}>
        {busy ? "Sending…" : "Subscribe"}
      </button>
    </form>
  );
}
