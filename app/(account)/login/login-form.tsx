"use client";

import { useId, useState } from "react";
import { focusSoon } from "@/components/ui/focus";
import { buttonVariants } from "@/components/ui/Button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/styles";
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
  return message ? <p className="mt-1 text-xs text-red-700 dark:text-red-300">{message}</p> : null;
}

export function LoginForm({ initialError, callbackUrl }: { initialError: string | null; callbackUrl: string }) {
  const [error, setError] = useState<string | null>(messageFor(initialError));
  const form = useForm<SignInFormValues>({ resolver, mode: "onTouched", defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;
  const passwordId = useId();

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    setError(null);
    const result = await signIn("credentials", { email, password, redirect: false });
    if (result?.ok && !result.error) window.location.assign(sameSiteTarget(callbackUrl));
    else {
      setError(messageFor(result?.error ?? "CredentialsSignin"));
      // The button was disabled while signing in: put focus back where the user can try again.
      form.resetField("password");
      focusSoon(() => document.getElementById(passwordId));
    }
  });

  return (
    // method="post": submitted before hydration, the password must not end up in the URL (history, logs).
    <form onSubmit={onSubmit} method="post" noValidate className="space-y-3">
      <div>
        <label className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          E-mail
          <input {...form.register("email")} type="email" required autoComplete="username" aria-invalid={errors.email ? true : undefined} className={cn(inputClass, "mt-1")} />
        </label>
        <FieldError message={errors.email?.message} />
      </div>
      <div>
        <label className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          Password
          <input {...form.register("password")} id={passwordId} type="password" required autoComplete="current-password" aria-invalid={errors.password ? true : undefined} className={cn(inputClass, "mt-1")} />
        </label>
        <FieldError message={errors.password?.message} />
      </div>
      {error ? <p role="alert" className="text-sm text-red-700 dark:text-red-300">{error}</p> : null}
      <button type="submit" disabled={isSubmitting} className={cn(buttonVariants({ variant: "primary" }), "w-full")}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
