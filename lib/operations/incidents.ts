// /api/v1/incidents and their updates.
import { body } from "../api/operation.ts";
import {
  INCIDENT_DEFAULTS,
  createIncident,
  deleteIncident,
  deleteIncidentUpdate,
  getIncident,
  getIncidentUpdate,
  listIncidentUpdates,
  listIncidents,
  postIncidentUpdate,
  updateIncident,
  updateIncidentUpdate,
} from "../incidents/index.ts";
import {
  IncidentFilters,
  IncidentInput,
  IncidentOut,
  IncidentPatch,
  IncidentUpdateFilters,
  IncidentUpdateInput,
  IncidentUpdateOut,
  IncidentUpdatePatch,
  IncidentUpdateReplace,
} from "../validation/incidents.ts";
import { resource } from "./resource.ts";

export const INCIDENTS = resource(
  { tag: "Incidents", resource: "incidents", path: "/api/v1/incidents", name: "Incident", noun: "an incident" },
  { out: IncidentOut, filters: IncidentFilters, input: body({ IncidentInput }), patch: body({ IncidentPatch }), defaults: INCIDENT_DEFAULTS },
  { list: listIncidents, create: createIncident, get: getIncident, update: updateIncident, remove: deleteIncident },
);

// An update's PUT replaces its text and status as given: no defaults.
export const INCIDENT_UPDATES = resource(
  { tag: "Incident updates", resource: "incidents", path: "/api/v1/incidents/{id}/updates", idParam: "update_id", name: "IncidentUpdate", noun: "an incident update" },
  { out: IncidentUpdateOut, filters: IncidentUpdateFilters, input: body({ IncidentUpdateInput }), replace: body({ IncidentUpdateReplace }), patch: body({ IncidentUpdatePatch }) },
  { list: listIncidentUpdates, create: postIncidentUpdate, get: getIncidentUpdate, update: updateIncidentUpdate, remove: deleteIncidentUpdate },
  {
    list: { summary: "List the updates of an incident" },
    create: { summary: "Post an update to an incident", description: "Sets the incident's status, and the component's when `component_status` is given." },
    replace: { summary: "Replace the text and status of an update" },
    update: { summary: "Change the text or status of an update" },
  },
);
