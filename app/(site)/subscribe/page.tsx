import type { Metadata } from "next";
import { SubscribeForm } from "@/components/subscriptions/SubscribeForm";
import { muted } from "@/components/subscriptions/styles";
import { UnavailableNotice } from "@/components/UnavailableNotice";
import { currentPageUser, headerUser } from "@/lib/auth/page-session";
import { isDatabaseUnavailable, markPageUnavailable } from "@/lib/db/outage";
import { mailEnabled } from "@/lib/mail/config";
import { statusPage } from "@/lib/status";
import { SubscriptionFrame, choiceGroups } from "./layout-parts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Subscribe to updates" };

export default async function SubscribePage() {
  let loaded: [Awaited<ReturnType<typeof statusPage>>, Awaited<ReturnType<typeof currentPageUser>>];
  try {
    loaded = await Promise.all([statusPage(), currentPageUser()]);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    markPageUnavailable();
    return <UnavailableNotice />;
  }
  const [status, user] = loaded;
  return (
    <SubscriptionFrame siteName={status.siteName} user={headerUser(user)} title="Subscribe to updates">
      <p className={`mb-5 ${muted}`}>Get an e-mail when {status.siteName} reports an incident or schedules maintenance, and when it is resolved.</p>
      <SubscribeForm groups={choiceGroups(status)} mailEnabled={mailEnabled()} />
    </SubscriptionFrame>
  );
}
