"use client";

import { useRef, useState } from "react";
import type { Role, User } from "@/lib/client/types";
import type { Manager } from "@/lib/client/roles";
import { KeyPanel } from "@/components/KeyPanel";
import { EmptyState } from "@/components/ui/EmptyState";
import { Section } from "@/components/ui/Section";
import { AddMemberForm } from "./add-member-form";
import { MemberRow } from "./member-row";

const th = "py-2 pr-4 font-medium";

export function TeamSection({
  users,
  roles,
  rolesReadable,
  publicRoleId,
  manager,
  currentUserId,
}: {
  users: User[] | null;
  roles: Role[] | null;
  rolesReadable: boolean;
  publicRoleId: number | null;
  manager: Manager;
  currentUserId: number;
}) {
  const [newKey, setNewKey] = useState<{ key: string; title: string } | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const addForm = useRef<HTMLDivElement>(null);
  return (
    <Section title="Team" description="Who may sign in, with which role, and whether they may manage their own API tokens.">
      <div ref={addForm}>
        <AddMemberForm
          roles={roles}
          rolesReadable={rolesReadable}
          publicRoleId={publicRoleId}
          manager={manager}
          onCreated={(user) => {
            if (user.token?.key) setNewKey({ key: user.token.key, title: `First API token of ${user.email}` });
          }}
        />
      </div>
      {newKey ? (
        <KeyPanel
          tokenKey={newKey.key}
          title={newKey.title}
          onDismiss={() => {
            setNewKey(null);
            addForm.current?.querySelector<HTMLElement>("input")?.focus();
          }}
        />
      ) : null}
      {users === null ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
      ) : users.length === 0 ? (
        <EmptyState title="No members yet" description="Add the first one with the form above." />
      ) : (
        <div ref={list} tabIndex={-1} aria-label="Team members" role="group" className="focus:outline-none">
          <table className="block w-full text-sm md:table">
            <caption className="sr-only">Team members</caption>
            <thead className="hidden md:table-header-group">
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600 dark:border-slate-700 dark:text-slate-400">
                <th scope="col" className={th}>Member</th>
                <th scope="col" className={th}>Role</th>
                <th scope="col" className={th}>Status</th>
                <th scope="col" className={th}>API tokens</th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="block md:table-row-group md:divide-y md:divide-slate-100 md:dark:divide-slate-800">
              {users.map((u) => (
                <MemberRow
                  key={u.id}
                  user={u}
                  roles={roles}
                  publicRoleId={publicRoleId}
                  manager={manager}
                  isSelf={u.id === currentUserId}
                  onDeleted={() => list.current?.focus()}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
