import type { Metadata } from "next";
import { publicSiteName, statusHistory } from "@/lib/status";
import { currentPageUser, headerUser } from "@/lib/auth/page-session";
import { isDatabaseUnavailable, markPageUnavailable } from "@/lib/db/outage";
import { UnavailableNotice } from "@/components/UnavailableNotice";
import { StatusShell } from "@/components/status/StatusShell";
import { HistoryView } from "@/components/status/HistoryView";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `Incident history · ${await publicSiteName().catch(() => "Beacon")}` };
}

/** `?page=2` and on: older months; anything else is the first page. */
function pageNumber(value: string | string[] | undefined): number {
  const n = typeof value === "string" && /^\d{1,4}$/.test(value) ? Number(value) : 1;
  return Math.max(1, n);
}

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = pageNumber((await searchParams).page);
  const now = new Date();
  let loaded: [Awaited<ReturnType<typeof statusHistory>>, Awaited<ReturnType<typeof currentPageUser>>];
  try {
    loaded = await Promise.all([statusHistory(page, now), currentPageUser()]);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    markPageUnavailable();
    return <UnavailableNotice />;
  }
  const [history, user] = loaded;
  return (
    <StatusShell siteName={history.siteName} user={headerUser(user)} menu={history.menu}>
      <HistoryView history={history} now={now.toISOString()} />
    </StatusShell>
  );
}
