"use client";

import { ACTIONS, ALL_PERMISSIONS, RESOURCES, type Permission } from "@/lib/auth/permissions";
import { checkboxClass } from "./ui/styles";

/**
 * Permissions as a grid: a row per resource, a read and a write checkbox per row (API.md §4). Only the
 * `available` permissions can be picked; rows with none are left out. Each checkbox is named by its
 * permission (`components:write`) for assistive technology.
 */
export function PermissionMatrix({
  caption,
  selected,
  onChange,
  available,
  disabled = false,
}: {
  caption: string;
  selected: readonly string[];
  onChange: (next: Permission[]) => void;
  available?: readonly string[];
  disabled?: boolean;
}) {
  const offered = (p: Permission) => !available || available.includes(p);
  const rows = RESOURCES.filter((r) => ACTIONS.some((a) => offered(`${r}:${a}`)));

  function toggle(permission: Permission, checked: boolean) {
    const next = new Set(selected);
    if (checked) next.add(permission);
    else next.delete(permission);
    onChange(ALL_PERMISSIONS.filter((p) => next.has(p)));
  }

  return (
    <table className="w-full max-w-sm text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="text-left text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
          <th scope="col" className="py-1 pr-4 font-medium">
            Resource
          </th>
          {ACTIONS.map((a) => (
            <th key={a} scope="col" className="w-16 py-1 text-center font-medium">
              {a}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {rows.map((r) => (
          <tr key={r}>
            <th scope="row" className="py-1 pr-4 text-left font-normal capitalize text-slate-700 dark:text-slate-300">
              {r}
            </th>
            {ACTIONS.map((a) => {
              const permission = `${r}:${a}` as Permission;
              return (
                <td key={a} className="py-1 text-center">
                  {offered(permission) ? (
                    <input
                      type="checkbox"
                      aria-label={permission}
                      className={checkboxClass}
                      checked={selected.includes(permission)}
                      disabled={disabled}
                      onChange={(e) => toggle(permission, e.target.checked)}
                    />
                  ) : (
                    <span className="text-slate-300" aria-hidden>
                      —
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
