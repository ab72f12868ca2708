import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/SiteHeader";
import { Main, PageShell } from "@/components/ui/PageShell";
import { currentPageUser, headerUser } from "@/lib/auth/page-session";
import { siteName } from "@/lib/settings";
import { ProfileClient } from "./profile-client";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Your profile" };

export default async function ProfilePage() {
  const [user, site] = await Promise.all([currentPageUser(), siteName()]);
  if (!user) redirect("/login?callbackUrl=/profile");
  return (
    <PageShell>
      <SiteHeader siteName={site} user={headerUser(user)} />
      <Main>
        <h1 className="mb-6 text-2xl font-semibold">Your profile</h1>
        <ProfileClient />
      </Main>
    </PageShell>
  );
}
