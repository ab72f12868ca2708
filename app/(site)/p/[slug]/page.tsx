import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { publicPage } from "@/lib/status";
import { isDatabaseUnavailable, markPageUnavailable } from "@/lib/db/outage";
import { UnavailableNotice } from "@/components/UnavailableNotice";
import { StatusShell } from "@/components/status/StatusShell";
import { Markdown } from "@/components/status/Markdown";

export const dynamic = "force-dynamic";

const slugOf = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return "";
  }
};

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const found = await publicPage(slugOf((await params).slug)).catch(() => null);
  return found ? { title: found.page.title } : {};
}

/** A published content page (API.md §5); unpublished or unknown is the branded 404. */
export default async function ContentPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = slugOf((await params).slug);
  let loaded: Awaited<ReturnType<typeof publicPage>>;
  try {
    // No session read: the page is the same for every visitor and served from the public cache
    // (lib/public-cache/pages.ts); the header\'s signed-in part is rendered in the browser.
    loaded = await publicPage(slug);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    markPageUnavailable();
    return <UnavailableNotice />;
  }
  const found = loaded;
  if (!found) notFound();
  return (
    <StatusShell siteName={found.siteName} menu={found.menu}>
      <article data-testid="content-page">
        <h1 className="mb-4 text-2xl font-semibold">{found.page.title}</h1>
        <Markdown
          source={found.page.body}
          className="[&_h1]:mt-4 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:mt-4 [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:mt-3 [&_h3]:font-semibold [&_p]:my-3"
        />
      </article>
    </StatusShell>
  );
}
