"use client";

import { useState } from "react";
import type { Role, User } from "@/lib/client/types";
import { KeyPanel } from "@/components/KeyPanel";
import { Section } from "@/components/ui/Section";
import { AddMemberForm } from "./add-member-form";
import { MemberRow } from "./member-row";

export function TeamSection({
  users,
  roles,
  rolesReadable,
  currentUserId,
}: {
  users: User[] | null;
  roles: Role[] | null;
  rolesReadable: boolean;
  currentUserId: number;
}) {
  const [newKey, setNewKey] = useState<{ key: string; title: string } | null>(null);
  return (
    <Section title="Team" description="Who may sign in, with which role, and whether they may manage their own API tokens.">
      <AddMemberForm
        roles={roles}
        rolesReadable={rolesReadable}
        onCreated={(user) => {
          if (user.token?.key) setNewKey({ key: user.token.key, title: `First API token of ${user.email}` });
        }}
      />
      {newKey ? <KeyPanel tokenKey={newKey.key} title={newKey.title} onDismiss={() => setNewKey(null)} /> : null}
      {users === null ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Team members</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="py-2 pr-4 font-medium">Member</th>
                <th scope="col" className="py-2 pr-4 font-medium">Role</th>
                <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                <th scope="col" className="py-2 pr-4 font-medium">API tokens</th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((u) => (
                <MemberRow key={u.id} user={u} roles={roles} isSelf={u.id === currentUserId} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
