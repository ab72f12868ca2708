import Link from "next/link";
import type { ReactNode } from "react";
import type { MenuLink } from "@/lib/status";
import { SiteHeader } from "@/components/SiteHeader";

const FOOTER_LINK = "underline-offset-2 hover:underline text-slate-700 dark:text-slate-200";

/** The site menu (the first menu's links to published pages and URLs). */
export function SiteMenu({ menu }: { menu: MenuLink[] }) {
  if (!menu.length) return null;
  return (
    <nav aria-label="Site" className="border-b border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
      <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-4 gap-y-1 px-4 py-2 text-sm">
        {menu.map((item) => (
          <li key={`${item.label}|${item.href}`}>
            <Link prefetch={false} href={item.href} className="text-slate-700 underline-offset-2 hover:underline dark:text-slate-200">
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SiteFooter() {
  return (
    <footer className="mx-auto max-w-3xl px-4 pb-10 text-sm">
      <ul className="flex flex-wrap gap-x-4 gap-y-2 border-t border-slate-200 pt-4 dark:border-slate-700" aria-label="Status feeds and subscriptions">
        <li>
          {/* A plain link: the subscription page is its own branch's, and a prefetch of it must not fail before it exists. */}
          <a href="/subscribe" className={`${FOOTER_LINK} font-semibold`}>
            Subscribe to updates
          </a>
        </li>
        <li>
          <Link prefetch={false} href="/history" className={FOOTER_LINK}>
            Incident history
          </Link>
        </li>
        <li>
          <a href="/feed.rss" className={FOOTER_LINK}>
            RSS
          </a>
        </li>
        <li>
          <a href="/feed.atom" className={FOOTER_LINK}>
            Atom
          </a>
        </li>
        <li>
          <a href="/api/v2/summary.json" className={FOOTER_LINK}>
            Status JSON
          </a>
        </li>
      </ul>
    </footer>
  );
}

/** Every public status page (the same for every visitor, so cacheable: the header's session part is rendered in the browser): the header, the menu, the content, the footer; light and dark. */
export function StatusShell({ siteName, menu, brandIsHeading = false, children }: { siteName: string; menu: MenuLink[]; brandIsHeading?: boolean; children: ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <SiteHeader siteName={siteName} user="client" brandIsHeading={brandIsHeading} />
      <SiteMenu menu={menu} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-8 focus:outline-none">{children}</main>
      <SiteFooter />
    </div>
  );
}
