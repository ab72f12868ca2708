// /api/v1/incidents and their updates.
import { body, named, operation } from "../api/operation.ts";
import { created, noContent, ok } from "../api/respond.ts";
import { parseId } from "../ids.ts";
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
import { NO_CONTENT, list } from "./shared.ts";

const Incident = named("Incident", IncidentOut);
const IncidentUpdate = named("IncidentUpdate", IncidentUpdateOut);
const incidents = { tag: "Incidents", resource: "incidents" } as const;
const updates = { tag: "Incident updates", resource: "incidents" } as const;
const COLLECTION = "/api/v1/incidents";
const DETAIL = "/api/v1/incidents/{id}";
const UPDATES = "/api/v1/incidents/{id}/updates";
const UPDATE = "/api/v1/incidents/{id}/updates/{update_id}";

export const INCIDENTS = {
  list: operation({
    ...incidents, method: "GET", path: COLLECTION, operationId: "listIncidents", summary: "List incidents",
    query: IncidentFilters, responses: { 200: list(Incident) },
    list: ({ principal, query, page }) => listIncidents(principal, query, page),
  }),
  create: operation({
    ...incidents, method: "POST", path: COLLECTION, operationId: "createIncident", summary: "Create an incident",
    body: body({ IncidentInput }), responses: { 201: Incident },
    run: async ({ body }) => created(await createIncident(body)),
  }),
  get: operation({
    ...incidents, method: "GET", path: DETAIL, operationId: "getIncident", summary: "Read an incident", responses: { 200: Incident },
    run: async ({ principal, params }) => ok(await getIncident(principal, parseId(params.id))),
  }),
  replace: operation({
    ...incidents, method: "PUT", path: DETAIL, operationId: "replaceIncident", summary: "Replace an incident",
    body: body({ IncidentInput }), responses: { 200: Incident },
    run: async ({ principal, params, body }) => ok(await updateIncident(principal, parseId(params.id), { ...INCIDENT_DEFAULTS, ...body })),
  }),
  update: operation({
    ...incidents, method: "PATCH", path: DETAIL, operationId: "updateIncident", summary: "Change some fields of an incident",
    body: body({ IncidentPatch }), responses: { 200: Incident },
    run: async ({ principal, params, body }) => ok(await updateIncident(principal, parseId(params.id), body)),
  }),
  delete: operation({
    ...incidents, method: "DELETE", path: DETAIL, operationId: "deleteIncident", summary: "Delete an incident", responses: NO_CONTENT,
    run: async ({ principal, params }) => {
      await deleteIncident(principal, parseId(params.id));
      return noContent();
    },
  }),
};

export const INCIDENT_UPDATES = {
  list: operation({
    ...updates, method: "GET", path: UPDATES, operationId: "listIncidentUpdates", summary: "List the updates of an incident",
    query: IncidentUpdateFilters, responses: { 200: list(IncidentUpdate) },
    list: ({ principal, params, query, page }) => listIncidentUpdates(principal, parseId(params.id), query, page),
  }),
  create: operation({
    ...updates, method: "POST", path: UPDATES, operationId: "createIncidentUpdate", summary: "Post an update to an incident",
    description: "Sets the incident's status, and the component's when `component_status` is given.",
    body: body({ IncidentUpdateInput }), responses: { 201: IncidentUpdate },
    run: async ({ principal, params, body }) => created(await postIncidentUpdate(principal, parseId(params.id), body)),
  }),
  get: operation({
    ...updates, method: "GET", path: UPDATE, operationId: "getIncidentUpdate", summary: "Read an incident update", responses: { 200: IncidentUpdate },
    run: async ({ principal, params }) => ok(await getIncidentUpdate(principal, parseId(params.id), parseId(params.update_id))),
  }),
  replace: operation({
    ...updates, method: "PUT", path: UPDATE, operationId: "replaceIncidentUpdate", summary: "Replace the text and status of an update",
    body: body({ IncidentUpdateReplace }), responses: { 200: IncidentUpdate },
    run: async ({ principal, params, body }) => ok(await updateIncidentUpdate(principal, parseId(params.id), parseId(params.update_id), body)),
  }),
  update: operation({
    ...updates, method: "PATCH", path: UPDATE, operationId: "updateIncidentUpdate", summary: "Change the text or status of an update",
    body: body({ IncidentUpdatePatch }), responses: { 200: IncidentUpdate },
    run: async ({ principal, params, body }) => ok(await updateIncidentUpdate(principal, parseId(params.id), parseId(params.update_id), body)),
  }),
  delete: operation({
    ...updates, method: "DELETE", path: UPDATE, operationId: "deleteIncidentUpdate", summary: "Delete an incident update", responses: NO_CONTENT,
    run: async ({ principal, params }) => {
      await deleteIncidentUpdate(principal, parseId(params.id), parseId(params.update_id));
      return noContent();
    },
  }),
};
