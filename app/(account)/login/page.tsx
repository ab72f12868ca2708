import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/SiteHeader";
import { SignOutButton } from "@/components/SignOutButton";
import { buttonVariants } from "@/components/ui/Button";
import { Main, PageShell } from "@/components/ui/PageShell";
import { linkClass } from "@/components/ui/styles";
import { currentPageUser } from "@/lib/auth/page-session";
import { siteName } from "@/lib/settings";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  const [{ error, callbackUrl }, user, site] = await Promise.all([searchParams, currentPageUser(), siteName()]);
  return (
    <PageShell>
      <SiteHeader siteName={site} user={null} />
      <Main className="max-w-sm py-12 sm:py-20">
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900">
          <h1 className="mb-4 text-xl font-semibold">Sign in to {site}</h1>
          {user ? (
            <div className="mb-5 space-y-3 rounded-md bg-sky-50 p-3 text-sm text-sky-950 dark:bg-sky-950 dark:text-sky-100" data-testid="already-signed-in">
              <p>
                You are already signed in as <strong className="break-all">{user.email}</strong>.
              </p>
              <p className="flex flex-wrap gap-2">
                <Link href="/profile" className={buttonVariants({ size: "sm", variant: "primary" })}>
                  Go to your profile
                </Link>
                <SignOutButton className={buttonVariants({ size: "sm" })} />
              </p>
              <p>Or sign in below as someone else.</p>
            </div>
          ) : null}
          <LoginForm initialError={error ?? null} callbackUrl={callbackUrl ?? "/"} />
          <p className="mt-4 text-sm">
            <Link href="/" className={linkClass}>
              Back to the status page
            </Link>
          </p>
        </div>
      </Main>
    </PageShell>
  );
}
