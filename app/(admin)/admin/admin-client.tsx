"use client";

import { useSWRConfig } from "swr";
import { useApi, useApiList } from "@/lib/client/swr";
import type { Role, Settings, User } from "@/lib/client/types";
import { ProblemAlert } from "@/components/ui/Alert";
import { TeamSection } from "./team-section";
import { RolesSection } from "./roles-section";
import { SettingsSection } from "./settings-section";
import { WebhooksSection } from "./webhooks-section";

/**
 * The admin page's data, loaded from the API and shared by its sections: the team's role pickers, the
 * public role picker and the matrices all list the same roles, and a role change can change what
 * anonymous visitors get. Sections the admin's role cannot read are left out.
 */
export function AdminClient({ currentUserId, roleName, permissions }: { currentUserId: number; roleName: string; permissions: string[] }) {
  const may = (p: string) => permissions.includes(p);
  const canReadRoles = may("roles:read");
  const canReadSettings = may("settings:read");
  const canReadWebhooks = may("webhooks:read");
  const users = useApiList<User>("/api/v1/users");
  const roles = useApiList<Role>(canReadRoles ? "/api/v1/roles" : null);
  const settings = useApi<Settings>(canReadSettings ? "/api/v1/settings" : null);
  const problem = users.error ?? roles.error ?? settings.error ?? null;
  const { mutate } = useSWRConfig();

  // Role changes move users' role names and what the public role grants.
  const afterRoleChange = async () => {
    await Promise.all([mutate("/api/v1/roles"), mutate("/api/v1/users"), canReadSettings ? mutate("/api/v1/settings") : undefined]);
  };

  return (
    <div className="space-y-8">
      <nav aria-label="Sections" className="flex flex-wrap gap-2 text-sm">
        <a href="#team" className="rounded-md bg-white dark:bg-slate-900 px-3 py-1.5 text-slate-700 dark:text-slate-300 ring-1 ring-slate-200 dark:ring-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800">
          Team
        </a>
        {canReadRoles ? (
          <a href="#roles" className="rounded-md bg-white dark:bg-slate-900 px-3 py-1.5 text-slate-700 dark:text-slate-300 ring-1 ring-slate-200 dark:ring-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800">
            Roles
          </a>
        ) : null}
        {canReadSettings ? (
          <a href="#settings" className="rounded-md bg-white dark:bg-slate-900 px-3 py-1.5 text-slate-700 dark:text-slate-300 ring-1 ring-slate-200 dark:ring-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800">
            Public API and settings
          </a>
        ) : null}
        {canReadWebhooks ? (
          <a href="#webhooks" className="rounded-md bg-white px-3 py-1.5 text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50">
            Webhooks
          </a>
        ) : null}
      </nav>
      {problem ? <ProblemAlert problem={problem} /> : null}
      <div id="team" className="scroll-mt-4">
        <TeamSection
          users={users.data ?? null}
          roles={roles.data ?? null}
          rolesReadable={canReadRoles}
          publicRoleId={settings.data?.public_role_id ?? null}
          manager={{ role: roleName, permissions }}
          currentUserId={currentUserId}
        />
      </div>
      {canReadRoles ? (
        <div id="roles" className="scroll-mt-4">
          <RolesSection roles={roles.data ?? null} publicRoleId={settings.data?.public_role_id ?? null} canWrite={may("roles:write")} onChanged={afterRoleChange} />
        </div>
      ) : null}
      {canReadSettings ? (
        <div id="settings" className="scroll-mt-4">
          <SettingsSection settings={settings.data ?? null} roles={roles.data ?? null} canWrite={may("settings:write")} />
        </div>
      ) : null}
      {canReadWebhooks ? (
        <div id="webhooks" className="scroll-mt-4">
          <WebhooksSection canWrite={may("webhooks:write")} />
        </div>
      ) : null}
    </div>
  );
}
