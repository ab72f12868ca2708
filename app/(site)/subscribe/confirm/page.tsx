import type { Metadata } from "next";
import { ApiError } from "@/lib/errors";
import { link, muted, error as errorBox, success } from "@/components/subscriptions/styles";
import { UnavailableNotice } from "@/components/UnavailableNotice";
import { currentPageUser, headerUser } from "@/lib/auth/page-session";
import { isDatabaseUnavailable, markPageUnavailable } from "@/lib/db/outage";
import { statusPage } from "@/lib/status";
import { confirmSubscription, INVALID_LINK } from "@/lib/subscriptions";
import { SubscriptionFrame } from "../layout-parts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm your subscription", referrer: "no-referrer" };

/** The link of the confirmation e-mail: opening it verifies the subscriber (double opt-in). */
export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  let result: { ok: true; email: string; components: string[]; manageCode: string } | { ok: false; message: string };
  let loaded: [Awaited<ReturnType<typeof statusPage>>, Awaited<ReturnType<typeof currentPageUser>>];
  try {
    try {
      const confirmed = await confirmSubscription(typeof code === "string" ? code : "");
      loaded = await Promise.all([statusPage(), currentPageUser()]);
      const names = new Map([...loaded[0].groups.flatMap((g) => g.components), ...loaded[0].ungrouped].map((c) => [c.id, c.name]));
      result = { ok: true, email: confirmed.email, components: confirmed.component_ids.map((id) => names.get(id)).filter((n): n is string => !!n), manageCode: confirmed.manage_code };
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const errors = (err.extra.errors as Record<string, string[]> | undefined)?.code;
      result = { ok: false, message: errors?.[0] ?? INVALID_LINK };
      loaded = await Promise.all([statusPage(), currentPageUser()]);
    }
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    markPageUnavailable();
    return <UnavailableNotice />;
  }
  const [status, user] = loaded;
  return (
    <SubscriptionFrame siteName={status.siteName} user={headerUser(user)} title={result.ok ? "You are subscribed" : "This link does not work"}>
      {result.ok ? (
        <>
          <div className={success} role="status" data-testid="subscribed">
            <p className="font-medium">Subscribed: {result.email} will receive {status.siteName} updates.</p>
            <p className="mt-1 text-sm">About: {result.components.length ? result.components.join(", ") : "all components"}.</p>
          </div>
          <p className={`mt-4 text-sm ${muted}`}>
            Every e-mail carries a link to change this or to unsubscribe. You can also{" "}
            <a className={link} href={`/subscribe/manage?code=${encodeURIComponent(result.manageCode)}`}>
              manage your subscription now
            </a>
            .
          </p>
          <p className="mt-4 text-sm">
            <a className={link} href="/">
              Back to the status page
            </a>
          </p>
        </>
      ) : (
        <>
          <div className={errorBox} role="alert" data-testid="link-refused">
            {result.message}
          </div>
          <p className="mt-4 text-sm">
            <a className={link} href="/subscribe">
              Subscribe again
            </a>
          </p>
        </>
      )}
    </SubscriptionFrame>
  );
}
