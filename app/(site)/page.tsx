import type { Metadata } from "next";
import { publicSiteName, statusPage } from "@/lib/status";
import { isDatabaseUnavailable, markPageUnavailable } from "@/lib/db/outage";
import { UnavailableNotice } from "@/components/UnavailableNotice";
import { StatusShell } from "@/components/status/StatusShell";
import { StatusPageView } from "@/components/status/StatusPageView";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  // The root layout's template would add the site name a second time.
  return { title: { absolute: `${await publicSiteName().catch(() => "Beacon")} status` } };
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
      <p className="mb-4 flex justify-end">
        <a href="/subscribe" className="inline-flex min-h-11 items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 dark:focus-visible:ring-offset-slate-950">
          Subscribe
        </a>
      </p>
      <StatusPageView data={data} />
    </StatusShell>
  );
}
