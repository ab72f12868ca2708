"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";

function messageFor(error: string | null): string | null {
  if (!error) return null;
  if (error === "CredentialsSignin") return "Wrong e-mail or password.";
  return error;
}

/** Where to go after signing in: a path on this site only ("//evil.example" and "/\evil.example" lead elsewhere). */
function sameSiteTarget(callbackUrl: string): string {
  try {
    const url = new URL(callbackUrl, window.location.origin);
    return url.origin === window.location.origin ? url.pathname + url.search + url.hash : "/";
  } catch {
    return "/";
  }
}

export function LoginForm({ initialError, callbackUrl }: { initialError: string | null; callbackUrl: string }) {
  const [error, setError] = useState<string | null>(messageFor(initialError));
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    if (result?.ok && !result.error) window.location.assign(sameSiteTarget(callbackUrl));
    else setError(messageFor(result?.error ?? "CredentialsSignin"));
  }

  return (
    // method="post": submitted before hydration, the password must not end up in the URL (history, logs).
    <form onSubmit={onSubmit} method="post" className="space-y-3">
      <label className="block text-sm">
        E-mail
        <input name="email" type="email" required autoComplete="username" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      <label className="block text-sm">
        Password
        <input name="password" type="password" required autoComplete="current-password" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      <button type="submit" disabled={busy} className="w-full rounded bg-slate-900 px-3 py-2 text-white disabled:opacity-50">
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
