"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { useForm } from "react-hook-form";
import { bodyResolver } from "@/lib/client/form";
import { signInFormSchema, type SignInFormValues } from "@/lib/client/forms";

const resolver = bodyResolver<SignInFormValues>(signInFormSchema, (values) => values);

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

function FieldError({ message }: { message?: string }) {
  return message ? <p className="mt-1 text-xs text-red-700">{message}</p> : null;
}

export function LoginForm({ initialError, callbackUrl }: { initialError: string | null; callbackUrl: string }) {
  const [error, setError] = useState<string | null>(messageFor(initialError));
  const form = useForm<SignInFormValues>({ resolver, mode: "onTouched", defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    setError(null);
    const result = await signIn("credentials", { email, password, redirect: false });
    if (result?.ok && !result.error) window.location.assign(sameSiteTarget(callbackUrl));
    else setError(messageFor(result?.error ?? "CredentialsSignin"));
  });

  return (
    // method="post": submitted before hydration, the password must not end up in the URL (history, logs).
    <form onSubmit={onSubmit} method="post" className="space-y-3">
      <div>
        <label className="block text-sm">
          E-mail
          <input {...form.register("email")} type="email" required autoComplete="username" aria-invalid={errors.email ? true : undefined} className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
        </label>
        <FieldError message={errors.email?.message} />
      </div>
      <div>
        <label className="block text-sm">
          Password
          <input {...form.register("password")} type="password" required autoComplete="current-password" aria-invalid={errors.password ? true : undefined} className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
        </label>
        <FieldError message={errors.password?.message} />
      </div>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      <button type="submit" disabled={isSubmitting} className="w-full rounded bg-slate-900 px-3 py-2 text-white disabled:opacity-50">
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
