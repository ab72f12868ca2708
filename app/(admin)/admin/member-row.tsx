"use client";

import { useRef, useState } from "react";
import { useApiWrite } from "@/lib/client/swr";
import type { Role, User } from "@/lib/client/types";
import { assignRefusal, peopleRoles, type Manager } from "@/lib/client/roles";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { ProblemAlert } from "@/components/ui/Alert";
import { useConfirm } from "@/components/ui/ConfirmDialog";
import { useToast } from "@/components/ui/Toast";
import { cn } from "@/components/ui/cn";
import { alertIn, focusSoon } from "@/components/ui/focus";
import { checkboxClass, inputClass } from "@/components/ui/styles";

// On phones each row is a card (its cells stacked, each with its column's name); a table from md up.
const cell = "block py-1 md:table-cell md:py-2 md:pr-4 md:align-middle";
const cellLabel = "block text-xs font-medium text-slate-600 md:sr-only dark:text-slate-400";

/**
 * One team member, changed in place. A new role is picked, then saved with its own button (a picker
 * that saved on change made a member "Public" on a stray arrow key); only people's roles the manager may
 * assign are offered. You cannot deactivate or delete yourself (the API refuses), so those buttons are
 * not offered on your own row; the API's other refusals are shown under the row.
 */
export function MemberRow({
  user,
  roles,
  publicRoleId,
  manager,
  isSelf,
  onDeleted,
}: {
  user: User;
  roles: Role[] | null;
  publicRoleId: number | null;
  manager: Manager;
  isSelf: boolean;
  onDeleted: () => void;
}) {
  const { busy, problem, run } = useApiWrite("/api/v1/users");
  const confirm = useConfirm();
  const toast = useToast();
  const roleSelect = useRef<HTMLSelectElement>(null);
  const activeButton = useRef<HTMLButtonElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  // A saved change is shown at once and until the list brings this user anew (SWR keeps the same object
  // while the data is unchanged, so a reload that raced the write cannot flip it back); a refusal puts
  // the list's value back.
  const [pending, setPending] = useState<{ of: User; change: { role_id?: number; can_manage_tokens?: boolean; active?: boolean } } | null>(null);
  const change = pending?.of === user ? pending.change : {};
  const roleId = change.role_id ?? user.role_id;
  const mayManageTokens = change.can_manage_tokens ?? user.can_manage_tokens;
  const active = change.active ?? user.active;
  const [draftRole, setDraftRole] = useState<{ of: number; id: number } | null>(null);
  const picked = draftRole?.of === roleId ? draftRole.id : roleId;

  const currentRole = roles?.find((r) => r.id === user.role_id);
  // Changing a member needs every permission of their current role (the API answers 403 otherwise).
  const lockedBecause = currentRole ? assignRefusal(manager, currentRole) : null;
  const offered = roles ? peopleRoles(roles, manager, publicRoleId, roleId) : [];

  async function patch(body: { role_id?: number; can_manage_tokens?: boolean; active?: boolean }) {
    setPending((p) => ({ of: user, change: { ...(p?.of === user ? p.change : {}), ...body } }));
    const outcome = await run({ path: `/api/v1/users/${user.id}`, method: "PATCH", body });
    if (!outcome.ok) {
      setPending(null);
      focusSoon(alertIn(problemRef.current));
    }
    return outcome.ok;
  }

  async function saveRole() {
    const role = roles?.find((r) => r.id === picked);
    if (!role) return;
    if (await patch({ role_id: picked })) {
      setDraftRole(null);
      toast(`Role of ${user.email} saved: ${role.name}`);
      focusSoon(() => roleSelect.current);
    }
  }

  async function toggleActive() {
    const next = !active;
    if (
      !next &&
      !(await confirm({
        title: `Deactivate ${user.email}?`,
        body: "They are signed out at once and can no longer sign in or use their API tokens until reactivated.",
        confirmLabel: "Deactivate",
      }))
    )
      return;
    if (await patch({ active: next })) toast(next ? `${user.email} activated` : `${user.email} deactivated`);
    focusSoon(alertIn(problemRef.current), () => activeButton.current);
  }

  async function remove() {
    const ok = await confirm({
      title: `Delete ${user.email}?`,
      body: "Their account and all their API tokens are deleted; anything using those tokens stops working. This cannot be undone.",
      confirmLabel: "Delete member",
    });
    if (!ok) return;
    const outcome = await run({ path: `/api/v1/users/${user.id}`, method: "DELETE" });
    if (outcome.ok) {
      toast(`${user.email} deleted`);
      onDeleted();
    } else focusSoon(alertIn(problemRef.current));
  }

  return (
    <>
      <tr data-testid="member" className="block border-b border-slate-200 py-3 md:table-row md:border-0 md:py-0 dark:border-slate-700">
        <td className={cell}>
          <div className="font-medium break-all text-slate-900 dark:text-slate-100">
            {user.name || user.email} {isSelf ? <Badge tone="blue">you</Badge> : null}
          </div>
          {user.name ? <div className="text-xs break-all text-slate-600 dark:text-slate-400">{user.email}</div> : null}
        </td>
        <td className={cell}>
          <span className={cellLabel} aria-hidden>
            Role
          </span>
          {roles && !lockedBecause ? (
            <div className="flex flex-wrap items-center gap-2">
              <select
                ref={roleSelect}
                aria-label={`Role of ${user.email}`}
                value={picked}
                disabled={busy}
                onChange={(e) => setDraftRole({ of: roleId, id: Number(e.target.value) })}
                className={cn(inputClass, "w-full py-1 md:w-40")}
              >
                {offered.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
              {picked !== roleId ? (
                <>
                  <Button size="sm" variant="primary" disabled={busy} onClick={saveRole} aria-label={`Save role of ${user.email}`}>
                    Save
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => {
                      setDraftRole(null);
                      focusSoon(() => roleSelect.current);
                    }}
                    aria-label={`Keep the role of ${user.email}`}
                  >
                    Cancel
                  </Button>
                </>
              ) : null}
            </div>
          ) : (
            <span title={lockedBecause ? `You cannot change this member: their role ${lockedBecause}.` : undefined}>{user.role}</span>
          )}
        </td>
        <td className={cell}>
          <span className={cellLabel} aria-hidden>
            Status
          </span>
          <div className="flex flex-wrap items-center gap-2">
            {active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Inactive</Badge>}
            {isSelf || lockedBecause ? null : (
              <Button ref={activeButton} size="sm" disabled={busy} onClick={toggleActive} aria-label={`${active ? "Deactivate" : "Activate"} ${user.email}`}>
                {active ? "Deactivate" : "Activate"}
              </Button>
            )}
          </div>
        </td>
        <td className={cell}>
          <span className={cellLabel} aria-hidden>
            API tokens
          </span>
          <label className="flex items-center gap-2 text-slate-700 dark:text-slate-300">
            <input
              type="checkbox"
              className={checkboxClass}
              checked={mayManageTokens}
              disabled={busy || !!lockedBecause}
              onChange={async (e) => {
                const checked = e.target.checked;
                if (await patch({ can_manage_tokens: checked })) toast(checked ? `${user.email} may manage API tokens` : `Token management switched off for ${user.email}`);
              }}
              aria-label={`${user.email} may manage API tokens`}
            />
            <span aria-hidden>may manage</span>
          </label>
        </td>
        <td className={cn(cell, "md:text-right")}>
          {isSelf || lockedBecause ? null : (
            <Button size="sm" variant="danger" disabled={busy} onClick={remove} aria-label={`Delete ${user.email}`}>
              Delete
            </Button>
          )}
        </td>
      </tr>
      {problem ? (
        <tr className="block md:table-row">
          <td colSpan={5} className="block pb-3 md:table-cell">
            <div ref={problemRef}>
              <ProblemAlert problem={problem} />
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
