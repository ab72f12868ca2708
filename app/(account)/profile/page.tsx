import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/SiteHeader";
import { currentPageUser, headerUser } from "@/lib/auth/page-session";
import { siteName } from "@/lib/settings";
import { ProfileClient } from "./profile-client";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Your profile · Beacon" };

export default async function ProfilePage() {
  const [user, site] = await Promise.all([currentPageUser(), siteName()]);
  if (!user) redirect("/login?callbackUrl=/profile");
  return (
    <>
      <SiteHeader siteName={site} user={headerUser(user)} />
      <main className="mx-auto max-w-5xl px-4 py-8">
        <h1 className="mb-6 text-2xl font-semibold">Your profile</h1>
        <ProfileClient />
      </main>
    </>
  );
}
