import type { Self } from "@/lib/client/types";
import { Badge } from "@/components/ui/Badge";
import { Section } from "@/components/ui/Section";
import { SignOutButton } from "@/components/SignOutButton";
import { buttonVariants } from "@/components/ui/Button";

/** Who you are, as GET /api/v1/user/self tells it. */
export function Identity({ self }: { self: Self }) {
  const { user } = self;
  return (
    <Section title="Who you are" actions={<SignOutButton className={buttonVariants({ variant: "secondary", size: "sm" })} />}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm" data-testid="identity">
        <dt className="text-slate-600 dark:text-slate-400">Name</dt>
        <dd>{user.name || "—"}</dd>
        <dt className="text-slate-600 dark:text-slate-400">E-mail</dt>
        <dd className="break-all">{user.email}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Role</dt>
        <dd>{user.role}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Signed in by</dt>
        <dd>{self.authentication === "session" ? "browser session" : self.authentication}</dd>
        <dt className="text-slate-600 dark:text-slate-400">API tokens</dt>
        <dd>{user.can_manage_tokens ? "you may manage your own" : "management switched off by an administrator"}</dd>
      </dl>
      <div>
        <h3 className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-300">Your permissions</h3>
        {self.permissions.length ? (
          <ul className="flex flex-wrap gap-1.5">
            {self.permissions.map((p) => (
              <li key={p}>
                <Badge tone={p.endsWith(":write") ? "amber" : "neutral"}>{p}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">None.</p>
        )}
      </div>
    </Section>
  );
}
