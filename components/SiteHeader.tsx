import Link from "next/link";
import { SessionNav } from "./SessionNav";
import { SignOutButton } from "./SignOutButton";

export interface HeaderUser {
  email: string;
  isAdmin: boolean;
}

const LINK = "rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white";

/**
 * The bar on top of the status page, the profile and the admin pages. The page decides who is signed in
 * and hands it over: components never reach the database themselves. On the status page the site name
 * is the page's h1. `user="client"`: the session part is rendered in the browser (SessionNav), so that
 * the page itself is the same for every visitor and can be cached.
 */
export function SiteHeader({ siteName, user, brandIsHeading = false }: { siteName: string; user: HeaderUser | null | "client"; brandIsHeading?: boolean }) {
  const brand = (
    <Link href="/" className="text-slate-900 hover:text-slate-700 dark:text-slate-100 dark:hover:text-slate-300">
      {siteName}
    </Link>
  );
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        {brandIsHeading ? <h1 className="text-xl font-semibold">{brand}</h1> : <div className="text-xl font-semibold">{brand}</div>}
        <nav aria-label="Main" className="flex flex-wrap items-center gap-1 text-sm">
          <Link href="/docs/api" className={LINK}>
            API reference
          </Link>
          {user === "client" ? (
            <SessionNav linkClass={LINK} />
          ) : user ? (
            <>
              <Link href="/profile" className={LINK} title={user.email}>
                Profile
              </Link>
              {user.isAdmin ? (
                <Link href="/admin" className={LINK}>
                  Admin
                </Link>
              ) : null}
              <SignOutButton className={LINK} />
            </>
          ) : (
            <Link href="/login" className={LINK}>
              Sign in
            </Link>
          )}
        </nav>
      </div>
    </header>
  );
}
