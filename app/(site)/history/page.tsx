import type { Metadata } from "next";
import { statusHistory } from "@/lib/status";
import { isDatabaseUnavailable, markPageUnavailable } from "@/lib/db/outage";
import { UnavailableNotice } from "@/components/UnavailableNotice";
import { StatusShell } from "@/components/status/StatusShell";
import { HistoryView } from "@/components/status/HistoryView";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: "Incident history" };
}

/** `?page=2` and on: older months; anything else is the first page. */
function pageNumber(value: string | string[] | undefined): number {
  const n = typeof value === "string" && /^\d{1,4}$/.test(value) ? Number(value) : 1;
  return Math.max(1, n);
}

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = pageNumber((await searchParams).page);
  const now = new Date();
  let loaded: Awaited<ReturnType<typeof statusHistory>>;
  try {
    // No session read: the page is the same for every visitor and served from the public cache
    // (lib/public-cache/pages.ts); the header\'s signed-in part is rendered in the browser.
    loaded = await statusHistory(page, now);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    markPageUnavailable();
    return <UnavailableNotice />;
  }
  const history = loaded;
  return (
    <StatusShell siteName={history.siteName} menu={history.menu}>
      <HistoryView history={history} now={now.toISOString()} />
    </StatusShell>
  );
}
