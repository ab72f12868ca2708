"use client";

import { useId, useState } from "react";
import { useApiWrite } from "@/lib/client/swr";
import type { Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/client/types";
import { PermissionMatrix } from "@/components/PermissionMatrix";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { Notice, ProblemAlert } from "@/components/ui/Alert";
import { inputClass } from "@/components/ui/styles";

const isAdminRole = (r: Role) => r.builtin && r.name.toLowerCase() === "admin";
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((p, i) => p === b[i]);

/**
 * One role's permission matrix, edited locally and saved with PATCH. The API's refusals (the public
 * role and subscribers, removing your own users:write, a role still in use) are shown as it words them.
 */
export function RoleCard({ role, isPublic, canWrite, onChanged }: { role: Role; isPublic: boolean; canWrite: boolean; onChanged: () => Promise<void> }) {
  const titleId = useId();
  const [name, setName] = useState(role.name);
  const [description, setDescription] = useState(role.description);
  const [permissions, setPermissions] = useState<Permission[]>(role.permissions);
  const [saved, setSaved] = useState(false);
  const { busy, problem, run: write, reset } = useApiWrite<Role>("/api/v1/roles");
  const locked = !canWrite || isAdminRole(role);
  const dirty = name !== role.name || description !== role.description || !sameList(permissions, role.permissions);

  const save = async () => {
    setSaved(false);
    const outcome = await write({ path: `/api/v1/roles/${role.id}`, method: "PATCH", body: { ...(role.builtin ? {} : { name }), description, permissions } });
    if (!outcome.ok) return;
    setName(outcome.data.name);
    setDescription(outcome.data.description);
    setPermissions(outcome.data.permissions);
    setSaved(true);
    await onChanged();
  };

  const remove = async () => {
    if (!window.confirm(`Delete the role “${role.name}”?`)) return;
    setSaved(false);
    if ((await write({ path: `/api/v1/roles/${role.id}`, method: "DELETE" })).ok) await onChanged();
  };

  return (
    <section aria-labelledby={titleId} className="space-y-3 rounded-md border border-slate-200 p-4" data-testid="role">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={titleId} className="font-semibold text-slate-900">
          {role.name}
        </h3>
        {role.builtin ? <Badge>Built-in</Badge> : <Badge tone="blue">Custom</Badge>}
        {isPublic ? <Badge tone="green">Public API role</Badge> : null}
        <span className="text-xs text-slate-500">
          {role.user_count} member{role.user_count === 1 ? "" : "s"}
        </span>
      </div>
      {locked ? (
        role.description ? <p className="text-sm text-slate-600">{role.description}</p> : null
      ) : (
        <div className="grid gap-3">
          {role.builtin ? null : (
            <Field label="Name" errors={problem?.fieldErrors("name")}>
              <input value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />
            </Field>
          )}
          <Field label="Description" errors={problem?.fieldErrors("description")}>
            <input value={description} onChange={(e) => setDescription(e.target.value)} className={inputClass} />
          </Field>
        </div>
      )}
      {isAdminRole(role) ? <p className="text-xs text-slate-500">Admin always has every permission.</p> : null}
      <PermissionMatrix caption={`Permissions of ${role.name}`} selected={permissions} onChange={setPermissions} disabled={locked} />
      {problem ? <ProblemAlert problem={problem} shownFields={["name", "description"]} /> : null}
      {saved && !dirty ? <Notice>Saved.</Notice> : null}
      {locked ? null : (
        <div className="flex gap-2">
          <Button variant="primary" size="sm" onClick={save} disabled={busy || !dirty}>
            Save {role.name}
          </Button>
          {dirty ? (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setName(role.name);
                setDescription(role.description);
                setPermissions(role.permissions);
                reset();
              }}
            >
              Undo changes
            </Button>
          ) : null}
          {role.builtin ? null : (
            <Button size="sm" variant="danger" onClick={remove} disabled={busy} aria-label={`Delete role ${role.name}`}>
              Delete
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
