"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { useApiAction } from "@/components/ui/useApiAction";
import type { Role, User } from "@/lib/client/types";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { ProblemAlert } from "@/components/ui/Alert";
import { checkboxClass, inputClass } from "@/components/ui/styles";

/**
 * One team member, changed in place. You cannot deactivate or delete yourself (the API refuses), so
 * those buttons are not offered on your own row; the API's other refusals (the last user manager,
 * demoting yourself) are shown under the row.
 */
export function MemberRow({ user, roles, isSelf, onChanged }: { user: User; roles: Role[] | null; isSelf: boolean; onChanged: () => void }) {
  const { busy, problem, run } = useApiAction();
  // Shown at once, confirmed by the reloaded list, put back when the API refuses.
  const [roleId, setRoleId] = useState(user.role_id);
  const [mayManageTokens, setMayManageTokens] = useState(user.can_manage_tokens);
  useEffect(() => setRoleId(user.role_id), [user.role_id]);
  useEffect(() => setMayManageTokens(user.can_manage_tokens), [user.can_manage_tokens]);

  async function patch(body: Record<string, unknown>) {
    const ok = await run(async () => {
      await apiFetch(`/api/v1/users/${user.id}`, { method: "PATCH", body });
      onChanged();
    });
    if (!ok) {
      setRoleId(user.role_id);
      setMayManageTokens(user.can_manage_tokens);
    }
  }

  async function remove() {
    if (!window.confirm(`Delete ${user.email}? Their API tokens are revoked with them. This cannot be undone.`)) return;
    await run(async () => {
      await apiFetch(`/api/v1/users/${user.id}`, { method: "DELETE" });
      onChanged();
    });
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
              onChange={(e) => {
                setRoleId(Number(e.target.value));
                void patch({ role_id: Number(e.target.value) });
              }}
              className={`${inputClass} w-36 py-1`}
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
              onChange={(e) => {
                setMayManageTokens(e.target.checked);
                void patch({ can_manage_tokens: e.target.checked });
              }}
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
