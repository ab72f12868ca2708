import type { ReactNode } from "react";
import { SiteHeader } from "@/components/SiteHeader";
import type { HeaderUser } from "@/components/SiteHeader";
import { card, page } from "@/components/subscriptions/styles";
import type { ChoiceGroup } from "@/components/subscriptions/ComponentChoice";
import type { statusPage } from "@/lib/status";

/** The frame of the subscription pages: the site's header, one card with a heading. */
export function SubscriptionFrame({ siteName, user, title, children }: { siteName: string; user: HeaderUser | null; title: string; children: ReactNode }) {
  return (
    <div className={page}>
      <SiteHeader siteName={siteName} user={user} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-xl px-4 py-8 focus:outline-none sm:py-12">
        <div className={card}>
          <h1 className="mb-4 text-xl font-semibold">{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}

/** The public components, grouped as on the status page. */
export function choiceGroups(status: Awaited<ReturnType<typeof statusPage>>): ChoiceGroup[] {
  const groups = status.groups.map((g) => ({ key: `g${g.id}`, name: g.name, components: g.components.map((c) => ({ id: c.id, name: c.name })) }));
  if (status.ungrouped.length) groups.push({ key: "other", name: groups.length ? "Other" : "Components", components: status.ungrouped.map((c) => ({ id: c.id, name: c.name })) });
  return groups;
}
