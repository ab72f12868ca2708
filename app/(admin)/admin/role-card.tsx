"use client";

import { useId, useRef, useState } from "react";
import { useApiWrite } from "@/lib/client/swr";
import type { Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/client/types";
import { PermissionMatrix } from "@/components/PermissionMatrix";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { Notice, ProblemAlert } from "@/components/ui/Alert";
import { useConfirm } from "@/components/ui/ConfirmDialog";
import { useToast } from "@/components/ui/Toast";
import { useUnsavedChanges } from "@/components/ui/useUnsavedChanges";
import { alertIn, focusSoon } from "@/components/ui/focus";
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
  const confirm = useConfirm();
  const toast = useToast();
  const card = useRef<HTMLElement>(null);
  useUnsavedChanges(dirty && !locked);

  // After a save or a refusal the button pressed may be disabled or gone: focus the message or the card.
  const focusOutcome = () => focusSoon(alertIn(card.current), () => card.current);

  const save = async () => {
    setSaved(false);
    const outcome = await write({ path: `/api/v1/roles/${role.id}`, method: "PATCH", body: { ...(role.builtin ? {} : { name }), description, permissions } });
    if (!outcome.ok) return focusOutcome();
    setName(outcome.data.name);
    setDescription(outcome.data.description);
    setPermissions(outcome.data.permissions);
    setSaved(true);
    toast(`Role ${outcome.data.name} saved`);
    focusOutcome();
    await onChanged();
  };

  const remove = async () => {
    const ok = await confirm({
      title: `Delete the role “${role.name}”?`,
      body: "The role and its permissions are deleted. A role still held by a member, or set as the public API role, cannot be deleted.",
      confirmLabel: "Delete role",
    });
    if (!ok) return;
    setSaved(false);
    if ((await write({ path: `/api/v1/roles/${role.id}`, method: "DELETE" })).ok) {
      toast(`Role ${role.name} deleted`);
      // The card is gone: focus the list of roles it was in.
      const list = card.current?.closest<HTMLElement>("[data-roles]");
      focusSoon(() => list);
      await onChanged();
    } else focusOutcome();
  };

  return (
    <section ref={card} tabIndex={-1} aria-labelledby={titleId} className="min-w-0 space-y-3 rounded-md border border-slate-200 p-4 focus:outline-none dark:border-slate-700" data-testid="role">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={titleId} className="font-semibold text-slate-900 dark:text-slate-100">
          {role.name}
        </h3>
        {role.builtin ? <Badge>Built-in</Badge> : <Badge tone="blue">Custom</Badge>}
        {isPublic ? <Badge tone="green">Public API role</Badge> : null}
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {role.user_count} member{role.user_count === 1 ? "" : "s"}
        </span>
      </div>
      {locked ? (
        role.description ? <p className="text-sm text-slate-600 dark:text-slate-400">{role.description}</p> : null
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
      {isAdminRole(role) ? <p className="text-xs text-slate-600 dark:text-slate-400">Admin always has every permission.</p> : null}
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
                focusOutcome();
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
