import type { Metadata } from "next";
import { publicSiteName, statusPage } from "@/lib/status";
import { isDatabaseUnavailable, markPageUnavailable } from "@/lib/db/outage";
import { UnavailableNotice } from "@/components/UnavailableNotice";
import { StatusShell } from "@/components/status/StatusShell";
import { StatusPageView } from "@/components/status/StatusPageView";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${await publicSiteName().catch(() => "Beacon")} status` };
}

export default async function StatusPage() {
  let loaded: Awaited<ReturnType<typeof statusPage>>;
  try {
    // No session read: the page is the same for every visitor and served from the public cache
    // (lib/public-cache/pages.ts); the header\'s signed-in part is rendered in the browser.
    loaded = await statusPage();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    // Rendered here rather than by app/error.tsx, so that visitors without JavaScript see it too.
    markPageUnavailable();
    return <UnavailableNotice />;
  }
  const data = loaded;
  return (
    <StatusShell siteName={data.siteName} menu={data.menu} brandIsHeading>
      <StatusPageView data={data} />
    </StatusShell>
  );
}
