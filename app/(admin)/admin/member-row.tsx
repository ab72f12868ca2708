"use client";

import { useState } from "react";
import { useApiWrite } from "@/lib/client/swr";
import type { Role, User } from "@/lib/client/types";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { ProblemAlert } from "@/components/ui/Alert";
import { cn } from "@/components/ui/cn";
import { checkboxClass, inputClass } from "@/components/ui/styles";

/**
 * One team member, changed in place. You cannot deactivate or delete yourself (the API refuses), so
 * those buttons are not offered on your own row; the API's other refusals (the last user manager,
 * demoting yourself) are shown under the row.
 */
export function MemberRow({ user, roles, isSelf }: { user: User; roles: Role[] | null; isSelf: boolean }) {
  const { busy, problem, run } = useApiWrite("/api/v1/users");
  // A change is shown at once and until the list brings this user anew (SWR keeps the same object while
  // the data is unchanged, so a reload that raced the write cannot flip it back); a refusal puts the
  // list's value back.
  const [pending, setPending] = useState<{ of: User; change: { role_id?: number; can_manage_tokens?: boolean } } | null>(null);
  const change = pending?.of === user ? pending.change : {};
  const roleId = change.role_id ?? user.role_id;
  const mayManageTokens = change.can_manage_tokens ?? user.can_manage_tokens;

  async function patch(body: { role_id?: number; can_manage_tokens?: boolean; active?: boolean }) {
    setPending((p) => ({ of: user, change: { ...(p?.of === user ? p.change : {}), ...body } }));
    const outcome = await run({ path: `/api/v1/users/${user.id}`, method: "PATCH", body });
    if (!outcome.ok) setPending(null);
  }

  async function remove() {
    if (!window.confirm(`Delete ${user.email}? Their API tokens are revoked with them. This cannot be undone.`)) return;
    await run({ path: `/api/v1/users/${user.id}`, method: "DELETE" });
  }

  return (
    <>
      <tr data-testid="member" className="align-middle">
        <td className="py-2 pr-4">
          <div className="font-medium text-slate-900">
            {user.name || user.email} {isSelf ? <Badge tone="blue">you</Badge> : null}
          </div>
          {user.name ? <div className="text-xs text-slate-500">{user.email}</div> : null}
        </td>
        <td className="py-2 pr-4">
          {roles ? (
            <select
              aria-label={`Role of ${user.email}`}
              value={roleId}
              disabled={busy}
              onChange={(e) => void patch({ role_id: Number(e.target.value) })}
              className={cn(inputClass, "w-36 py-1")}
            >
              {roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          ) : (
            user.role
          )}
        </td>
        <td className="py-2 pr-4">
          <div className="flex items-center gap-2">
            {user.active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Inactive</Badge>}
            {isSelf ? null : (
              <Button size="sm" disabled={busy} onClick={() => patch({ active: !user.active })} aria-label={`${user.active ? "Deactivate" : "Activate"} ${user.email}`}>
                {user.active ? "Deactivate" : "Activate"}
              </Button>
            )}
          </div>
        </td>
        <td className="py-2 pr-4">
          <label className="flex items-center gap-2 text-slate-700">
            <input
              type="checkbox"
              className={checkboxClass}
              checked={mayManageTokens}
              disabled={busy}
              onChange={(e) => void patch({ can_manage_tokens: e.target.checked })}
              aria-label={`${user.email} may manage API tokens`}
            />
            <span aria-hidden>may manage</span>
          </label>
        </td>
        <td className="py-2 text-right">
          {isSelf ? null : (
            <Button size="sm" variant="danger" disabled={busy} onClick={remove} aria-label={`Delete ${user.email}`}>
              Delete
            </Button>
          )}
        </td>
      </tr>
      {problem ? (
        <tr>
          <td colSpan={5} className="pb-3">
            <ProblemAlert problem={problem} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
