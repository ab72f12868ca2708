import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/SiteHeader";
import { SignOutButton } from "@/components/SignOutButton";
import { buttonVariants } from "@/components/ui/Button";
import { Main, PageShell } from "@/components/ui/PageShell";
import { linkClass } from "@/components/ui/styles";
import { currentPageUser, headerUser } from "@/lib/auth/page-session";
import { siteName } from "@/lib/settings";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign out" };

/** Beacon's sign-out page (NextAuth sends GET /api/auth/signout here): a confirmation, never a sign-out on GET. */
export default async function LogoutPage() {
  const [user, site] = await Promise.all([currentPageUser(), siteName()]);
  return (
    <PageShell>
      <SiteHeader siteName={site} user={headerUser(user)} />
      <Main className="max-w-sm py-12 sm:py-20">
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900">
          {user ? (
            <>
              <h1 className="mb-2 text-xl font-semibold">Sign out of {site}?</h1>
              <p className="mb-5 text-sm text-slate-700 dark:text-slate-300">
                You are signed in as <strong className="break-all">{user.email}</strong>. Signing out ends this browser session; your API tokens
                keep working.
              </p>
              <p className="flex flex-wrap gap-2">
                <SignOutButton className={buttonVariants({ variant: "primary" })} />
                <Link href="/profile" className={buttonVariants({})}>
                  Stay signed in
                </Link>
              </p>
            </>
          ) : (
            <>
              <h1 className="mb-2 text-xl font-semibold">You are signed out</h1>
              <p className="text-sm">
                <Link href="/login" className={linkClass}>
                  Sign in
                </Link>{" "}
                or go back to the{" "}
                <Link href="/" className={linkClass}>
                  status page
                </Link>
                .
              </p>
            </>
          )}
        </div>
      </Main>
    </PageShell>
  );
}
