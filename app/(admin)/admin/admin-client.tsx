"use client";

import { useCallback, useEffect, useState } from "react";
import { ApiProblem, apiFetch, apiList, toProblem } from "@/lib/client/api";
import type { Role, Settings, User } from "@/lib/client/types";
import { ProblemAlert } from "@/components/ui/Alert";
import { TeamSection } from "./team-section";
import { RolesSection } from "./roles-section";
import { SettingsSection } from "./settings-section";

/**
 * The admin page's data, loaded from the API and shared by its sections: the team's role pickers, the
 * public role picker and the matrices all list the same roles, and a role change can change what
 * anonymous visitors get. Sections the admin's role cannot read are left out.
 */
export function AdminClient({ currentUserId, permissions }: { currentUserId: number; permissions: string[] }) {
  const may = (p: string) => permissions.includes(p);
  const [users, setUsers] = useState<User[] | null>(null);
  const [roles, setRoles] = useState<Role[] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const guard = useCallback(async (load: () => Promise<void>) => {
    try {
      await load();
    } catch (err) {
      setProblem(toProblem(err));
    }
  }, []);
  const loadUsers = useCallback(() => guard(async () => setUsers(await apiList<User>("/api/v1/users"))), [guard]);
  const loadRoles = useCallback(() => guard(async () => setRoles(await apiList<Role>("/api/v1/roles"))), [guard]);
  const loadSettings = useCallback(() => guard(async () => setSettings(await apiFetch<Settings>("/api/v1/settings"))), [guard]);
  const canReadRoles = may("roles:read");
  const canReadSettings = may("settings:read");

  useEffect(() => {
    void loadUsers();
    if (canReadRoles) void loadRoles();
    if (canReadSettings) void loadSettings();
  }, [loadUsers, loadRoles, loadSettings, canReadRoles, canReadSettings]);

  // Role changes move users' role names and what the public role grants.
  const afterRoleChange = useCallback(async () => {
    await Promise.all([loadRoles(), loadUsers(), canReadSettings ? loadSettings() : undefined]);
  }, [loadRoles, loadUsers, loadSettings, canReadSettings]);

  return (
    <div className="space-y-8">
      <nav aria-label="Sections" className="flex flex-wrap gap-2 text-sm">
        <a href="#team" className="rounded-md bg-white px-3 py-1.5 text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50">
          Team
        </a>
        {canReadRoles ? (
          <a href="#roles" className="rounded-md bg-white px-3 py-1.5 text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50">
            Roles
          </a>
        ) : null}
        {canReadSettings ? (
          <a href="#settings" className="rounded-md bg-white px-3 py-1.5 text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50">
            Public API and settings
          </a>
        ) : null}
      </nav>
      {problem ? <ProblemAlert problem={problem} /> : null}
      <div id="team" className="scroll-mt-4">
        <TeamSection users={users} roles={roles} rolesReadable={canReadRoles} currentUserId={currentUserId} onChanged={loadUsers} />
      </div>
      {canReadRoles ? (
        <div id="roles" className="scroll-mt-4">
          <RolesSection roles={roles} publicRoleId={settings?.public_role_id ?? null} canWrite={may("roles:write")} onChanged={afterRoleChange} />
        </div>
      ) : null}
      {canReadSettings ? (
        <div id="settings" className="scroll-mt-4">
          <SettingsSection settings={settings} roles={roles} canWrite={may("settings:write")} onSaved={setSettings} />
        </div>
      ) : null}
    </div>
  );
}
