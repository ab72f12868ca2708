import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/SiteHeader";
import { Main, PageShell } from "@/components/ui/PageShell";
import { ErrorAlert } from "@/components/ui/Alert";
import { currentPageUser, headerUser, isAdmin } from "@/lib/auth/page-session";
import { siteName } from "@/lib/settings";
import { AdminClient } from "./admin-client";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminPage() {
  const [user, site] = await Promise.all([currentPageUser(), siteName()]);
  if (!user) redirect("/login?callbackUrl=/admin");
  return (
    <PageShell>
      <SiteHeader siteName={site} user={headerUser(user)} />
      <Main>
        <h1 className="mb-6 text-2xl font-semibold">Administration</h1>
        {isAdmin(user) ? (
          <AdminClient currentUserId={user.id} roleName={user.role} permissions={user.permissions} />
        ) : (
          <ErrorAlert>
            <p className="font-medium">You do not have permission to administer this site.</p>
            <p className="mt-1">
              Administration needs the <code>users:write</code> permission, which your role ({user.role}) does not have. Ask an administrator
              if you need it.
            </p>
          </ErrorAlert>
        )}
      </Main>
    </PageShell>
  );
}
