"use client";

import { useState } from "react";
import { ApiProblem, apiFetch, toProblem } from "@/lib/client/api";
import type { Permission } from "@/lib/auth/permissions";
import { PermissionMatrix } from "@/components/PermissionMatrix";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { ProblemAlert } from "@/components/ui/Alert";
import { inputClass } from "@/components/ui/styles";

/** POST /api/v1/roles: a custom role with its first permissions. */
export function CreateRoleForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await apiFetch("/api/v1/roles", { method: "POST", body: { name, description, permissions } });
      setName("");
      setDescription("");
      setPermissions([]);
      await onCreated();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="Create a role" className="space-y-3 rounded-md border border-dashed border-slate-300 p-4">
      <h3 className="text-sm font-semibold text-slate-800">Create a custom role</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Role name" errors={problem?.fieldErrors("name")}>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={255} className={inputClass} placeholder="Status writer" />
        </Field>
        <Field label="Role description" errors={problem?.fieldErrors("description")}>
          <input value={description} onChange={(e) => setDescription(e.target.value)} className={inputClass} />
        </Field>
      </div>
      <PermissionMatrix caption="Permissions of the new role" selected={permissions} onChange={setPermissions} />
      <ProblemAlert problem={problem} shownFields={["name", "description"]} />
      <Button type="submit" variant="primary" disabled={busy}>
        Create role
      </Button>
    </form>
  );
}
