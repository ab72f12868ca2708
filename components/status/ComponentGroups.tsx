import type { PublicComponent, PublicGroup } from "@/lib/status";
import { DISPLAY_STATUSES, overallOf } from "@/lib/status/display";
import { StatusPill } from "./StatusPill";
import { UptimeBar } from "./UptimeBar";

function ComponentRow({ component }: { component: PublicComponent }) {
  return (
    <li className="border-b border-slate-200 px-4 py-3 last:border-0 dark:border-slate-700" data-testid="component" data-component-id={component.id}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="font-medium">{component.name}</div>
          {component.description ? <p className="text-sm text-slate-600 dark:text-slate-300">{component.description}</p> : null}
        </div>
        <StatusPill status={component.display} label={component.display_name} />
      </div>
      <UptimeBar name={component.name} days={component.uptime.days} percent={component.uptime.percent} />
    </li>
  );
}

const BOX = "mb-4 rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900";

/** Groups in their order, then the components in no group; a group marked `collapsed` starts closed, opened by its summary. */
export function ComponentGroups({ groups, ungrouped }: { groups: PublicGroup[]; ungrouped: PublicComponent[] }) {
  return (
    <>
      {groups.map((group) => {
        const list = (
          <ul>
            {group.components.map((c) => (
              <ComponentRow key={c.id} component={c} />
            ))}
          </ul>
        );
        const worst = overallOf(group.components);
        return group.collapsed ? (
          <details key={group.id} className={`${BOX} group`} data-testid="component-group">
            <summary className="flex cursor-pointer items-center justify-between gap-3 rounded-lg px-4 py-3 font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600">
              <span>
                <span aria-hidden="true" className="mr-2 inline-block transition-transform group-open:rotate-90">›</span>
                {group.name} <span className="font-normal text-slate-600 dark:text-slate-300">({group.components.length})</span>
              </span>
              <StatusPill status={worst} label={DISPLAY_STATUSES[worst].label} />
            </summary>
            <div className="border-t border-slate-200 dark:border-slate-700">{list}</div>
          </details>
        ) : (
          <section key={group.id} aria-labelledby={`group-${group.id}`} className={BOX} data-testid="component-group">
            <h2 id={`group-${group.id}`} className="border-b border-slate-200 px-4 py-3 font-semibold dark:border-slate-700">
              {group.name}
            </h2>
            {list}
          </section>
        );
      })}
      {ungrouped.length ? (
        <section aria-label={groups.length ? "Other components" : "Components"} className={BOX} data-testid="component-group">
          {groups.length ? <h2 className="border-b border-slate-200 px-4 py-3 font-semibold dark:border-slate-700">Other components</h2> : null}
          <ul>
            {ungrouped.map((c) => (
              <ComponentRow key={c.id} component={c} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
