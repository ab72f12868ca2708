import type { Metadata } from "next";
import { ManageForm } from "@/components/subscriptions/ManageForm";
import { link, error as errorBox } from "@/components/subscriptions/styles";
import { UnavailableNotice } from "@/components/UnavailableNotice";
import { currentPageUser, headerUser } from "@/lib/auth/page-session";
import { isDatabaseUnavailable, markPageUnavailable } from "@/lib/db/outage";
import { ApiError } from "@/lib/errors";
import { statusPage } from "@/lib/status";
import { INVALID_LINK, subscriptionByManageCode } from "@/lib/subscriptions";
import type { SubscriptionOut } from "@/lib/validation/subscriptions";
import { SubscriptionFrame, choiceGroups } from "../layout-parts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Manage your subscription", referrer: "no-referrer" };

/** Reached from the manage link of every notification: change the components, or unsubscribe. */
export default async function ManagePage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code: raw } = await searchParams;
  const code = typeof raw === "string" ? raw : "";
  let subscription: SubscriptionOut | { refused: string };
  let loaded: [Awaited<ReturnType<typeof statusPage>>, Awaited<ReturnType<typeof currentPageUser>>];
  try {
    try {
      subscription = await subscriptionByManageCode(code);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      subscription = { refused: (err.extra.errors as Record<string, string[]> | undefined)?.code?.[0] ?? INVALID_LINK };
    }
    loaded = await Promise.all([statusPage(), currentPageUser()]);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    markPageUnavailable();
    return <UnavailableNotice />;
  }
  const [status, user] = loaded;
  if ("refused" in subscription) {
    return (
      <SubscriptionFrame siteName={status.siteName} user={headerUser(user)} title="This link does not work">
        <div className={errorBox} role="alert" data-testid="link-refused">
          {subscription.refused} If you unsubscribed, nothing more will be sent to you.
        </div>
        <p className="mt-4 text-sm">
          <a className={link} href="/subscribe">
            Subscribe again
          </a>
        </p>
      </SubscriptionFrame>
    );
  }
  return (
    <SubscriptionFrame siteName={status.siteName} user={headerUser(user)} title="Manage your subscription">
      <ManageForm code={code} groups={choiceGroups(status)} initial={subscription} />
    </SubscriptionFrame>
  );
}
