// /api/v1/maintenance: scheduled maintenance windows, under the incidents' permissions.
import { body } from "../api/operation.ts";
import { MAINTENANCE_DEFAULTS, createMaintenance, deleteMaintenance, getMaintenance, listMaintenance, updateMaintenance } from "../maintenance/index.ts";
import { MaintenanceFilters, MaintenanceInput, MaintenanceOut, MaintenancePatch } from "../validation/maintenance.ts";
import { resource } from "./resource.ts";

const STATUS = "Its `status` is derived from the window and now: `scheduled` before `scheduled_start`, `in_progress` until `scheduled_end` (or `completed_at`, when the work ended early), then `completed`. While it is in progress its components show as *Under maintenance* on the status page, their stored status unchanged.";

export const MAINTENANCE = resource(
  { tag: "Maintenance", resource: "incidents", path: "/api/v1/maintenance", name: "Maintenance", noun: "a maintenance" },
  { out: MaintenanceOut, filters: MaintenanceFilters, input: body({ MaintenanceInput }), patch: body({ MaintenancePatch }), defaults: MAINTENANCE_DEFAULTS },
  { list: listMaintenance, create: createMaintenance, get: getMaintenance, update: updateMaintenance, remove: deleteMaintenance },
  {
    list: { summary: "List scheduled maintenance", description: `Newest window first; \`?status=scheduled|in_progress|completed\` and \`?component_id=\` narrow it. ${STATUS}` },
    create: { summary: "Schedule maintenance", description: `\`scheduled_end\` must be after \`scheduled_start\`; \`component_ids\` name the components it covers. ${STATUS}` },
    replace: { description: "Fields left out take their defaults (no components, visible, not completed early)." },
    update: { description: "Set `completed_at` to end it early; `component_ids`, when given, replaces the set of components." },
  },
);
