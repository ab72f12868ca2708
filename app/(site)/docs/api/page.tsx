import type { Metadata } from "next";
import { headers } from "next/headers";
import { openApiDocument } from "@/lib/routes";
import { requestOrigin } from "@/lib/net";
import { SiteHeader } from "@/components/SiteHeader";
import { PageShell } from "@/components/ui/PageShell";
import { currentPageUser, headerUser } from "@/lib/auth/page-session";
import { siteName } from "@/lib/settings";
import { ApiReference } from "./api-reference";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "API reference",
  description: "Every endpoint of Beacon's REST API, generated from its OpenAPI 3.1 document.",
};

export default async function ApiReferencePage() {
  // The curl examples name the origin this page was reached at, ready to paste.
  const origin = requestOrigin(new Request("http://localhost/", { headers: new Headers(await headers()) }));
  const [user, site] = await Promise.all([currentPageUser(), siteName()]);
  return (
    <PageShell>
      <SiteHeader siteName={site} user={headerUser(user)} />
      <ApiReference doc={openApiDocument()} origin={origin} />
    </PageShell>
  );
}
