"use client";

import { checkbox, muted } from "./styles";

export interface ChoiceGroup {
  key: string;
  name: string;
  components: { id: number; name: string }[];
}

/**
 * The components a subscriber hears about: "All components" (the default, which also covers components
 * added later) or a chosen few, as native checkboxes in a fieldset so keyboards and screen readers get it.
 */
export function ComponentChoice({
  groups,
  all,
  chosen,
  onChange,
  disabled,
  errors = [],
}: {
  groups: ChoiceGroup[];
  all: boolean;
  chosen: number[];
  onChange: (next: { all: boolean; chosen: number[] }) => void;
  disabled?: boolean;
  errors?: string[];
}) {
  const toggle = (id: number, on: boolean) => onChange({ all: false, chosen: on ? [...chosen, id] : chosen.filter((c) => c !== id) });
  if (groups.length === 0) return null;
  return (
    <fieldset className="mt-5" aria-describedby={errors.length ? "component-errors" : undefined}>
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-100">Notify me about</legend>
      <label className="mt-2 flex items-center gap-2 text-sm">
        <input type="radio" name="scope" className={checkbox} checked={all} disabled={disabled} onChange={() => onChange({ all: true, chosen })} />
        All components, including ones added later
      </label>
      <label className="mt-2 flex items-center gap-2 text-sm">
        <input type="radio" name="scope" className={checkbox} checked={!all} disabled={disabled} onChange={() => onChange({ all: false, chosen })} />
        Only the components I choose
      </label>
      {!all ? (
        <div className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4 dark:border-slate-700">
          {groups.map((g) => (
            <div key={g.key} role="group" aria-labelledby={`group-${g.key}`}>
              <p id={`group-${g.key}`} className={`text-xs font-semibold uppercase tracking-wide ${muted}`}>
                {g.name}
              </p>
              <ul className="mt-1 space-y-1">
                {g.components.map((c) => (
                  <li key={c.id}>
                    <label className="flex min-h-8 items-center gap-2 text-sm">
                      <input type="checkbox" className={checkbox} value={c.id} checked={chosen.includes(c.id)} disabled={disabled} onChange={(e) => toggle(c.id, e.target.checked)} />
                      {c.name}
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ) : null}
      {errors.length ? (
        <ul id="component-errors" className="mt-2 text-sm text-red-800 dark:text-red-300">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
