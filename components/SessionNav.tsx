"use client";

// The signed-in part of the site header, rendered in the browser: the status pages are cached and served
// alike to every visitor (lib/public-cache), so they cannot carry who is signed in. Until the session is
// known (and without JavaScript) the header offers "Sign in".
import Link from "next/link";
import { useEffect, useState } from "react";
import { SignOutButton } from "./SignOutButton";
import type { HeaderUser } from "./SiteHeader";

const ADMIN_PERMISSION = "users:write";

export function SessionNav({ linkClass }: { linkClass: string }) {
  const [user, setUser] = useState<HeaderUser | null>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      // next-auth's session endpoint answers 200 with {} when signed out: no failed request in the console.
      const session = (await (await fetch("/api/auth/session", { cache: "no-store" })).json()) as { user?: { email?: string } };
      if (!session.user?.email) return;
      const self = await fetch("/api/v1/user/self", { cache: "no-store", headers: { Accept: "application/json" } });
      const body = self.ok ? ((await self.json()) as { permissions?: string[] }) : {};
      if (live) setUser({ email: session.user.email, isAdmin: !!body.permissions?.includes(ADMIN_PERMISSION) });
    })().catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  if (!user) {
    return (
      <Link href="/login" className={linkClass}>
        Sign in
      </Link>
    );
  }
  return (
    <>
      <Link href="/profile" className={linkClass} title={user.email}>
        Profile
      </Link>
      {user.isAdmin ? (
        <Link href="/admin" className={linkClass}>
          Admin
        </Link>
      ) : null}
      <SignOutButton className={linkClass} />
    </>
  );
}
