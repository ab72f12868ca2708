import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/SiteHeader";
import { Main, PageShell } from "@/components/ui/PageShell";
import { linkClass } from "@/components/ui/styles";
import { currentPageUser, headerUser } from "@/lib/auth/page-session";
import { siteName } from "@/lib/settings";

export const metadata: Metadata = { title: "Page not found" };

// Beacon's own 404 page, with the site's header: Next's default one styles itself inline, which the
// pages' CSP (proxy.ts) refuses. The header is left out when the database cannot be read.
export default async function NotFound() {
  const [user, site] = await Promise.all([currentPageUser().catch(() => null), siteName().catch(() => "Beacon")]);
  return (
    <PageShell>
      <SiteHeader siteName={site} user={headerUser(user)} />
      <Main className="max-w-3xl py-16 text-center">
        <p className="text-sm font-semibold text-slate-600 dark:text-slate-400">404</p>
        <h1 className="mt-1 text-2xl font-semibold">Page not found</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-400">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        <p className="mt-6 flex flex-wrap justify-center gap-4">
          <Link href="/" className={linkClass}>
            Back to the status page
          </Link>
          <Link href="/docs/api" className={linkClass}>
            API reference
          </Link>
        </p>
      </Main>
    </PageShell>
  );
}
