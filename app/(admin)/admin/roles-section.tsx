"use client";

import type { Role } from "@/lib/client/types";
import { Section } from "@/components/ui/Section";
import { CreateRoleForm } from "./create-role-form";
import { RoleCard } from "./role-card";

export function RolesSection({
  roles,
  publicRoleId,
  canWrite,
  onChanged,
}: {
  roles: Role[] | null;
  publicRoleId: number | null;
  canWrite: boolean;
  onChanged: () => Promise<void>;
}) {
  return (
    <Section
      title="Roles"
      description="What each role may read and write. Built-in roles cannot be renamed or deleted, and Admin always has every permission."
    >
      {roles === null ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
      ) : (
        <div data-roles tabIndex={-1} aria-label="Roles" role="group" className="grid gap-4 focus:outline-none md:grid-cols-2">
          {roles.map((r) => (
            <RoleCard key={r.id} role={r} isPublic={r.id === publicRoleId} canWrite={canWrite} onChanged={onChanged} />
          ))}
        </div>
      )}
      {canWrite ? <CreateRoleForm onCreated={onChanged} /> : null}
    </Section>
  );
}
