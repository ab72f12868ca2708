import type { Metadata } from "next";
import { publicSiteName, statusPage } from "@/lib/status";
import { currentPageUser, headerUser } from "@/lib/auth/page-session";
import { isDatabaseUnavailable, markPageUnavailable } from "@/lib/db/outage";
import { UnavailableNotice } from "@/components/UnavailableNotice";
import { StatusShell } from "@/components/status/StatusShell";
import { StatusPageView } from "@/components/status/StatusPageView";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${await publicSiteName().catch(() => "Beacon")} status` };
}

export default async function StatusPage() {
  let loaded: [Awaited<ReturnType<typeof statusPage>>, Awaited<ReturnType<typeof currentPageUser>>];
  try {
    loaded = await Promise.all([statusPage(), currentPageUser()]);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    // Rendered here rather than by app/error.tsx, so that visitors without JavaScript see it too.
    markPageUnavailable();
    return <UnavailableNotice />;
  }
  const [data, user] = loaded;
  return (
    <StatusShell siteName={data.siteName} user={headerUser(user)} menu={data.menu} brandIsHeading>
      <StatusPageView data={data} />
    </StatusShell>
  );
}
