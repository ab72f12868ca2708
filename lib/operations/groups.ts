// /api/v1/components/groups: groups of components (a static segment: Next serves it here, not as components/{id}).
import { body, named, operation } from "../api/operation.ts";
import { created, noContent, ok } from "../api/respond.ts";
import { GROUP_DEFAULTS, createGroup, deleteGroup, getGroup, listGroups, updateGroup } from "../groups/index.ts";
import { parseId } from "../ids.ts";
import { GroupFilters, GroupInput, GroupOut, GroupPatch } from "../validation/groups.ts";
import { NO_CONTENT, list } from "./shared.ts";

const Group = named("ComponentGroup", GroupOut);
const common = { tag: "Component groups", resource: "components" } as const;
const COLLECTION = "/api/v1/components/groups";
const DETAIL = "/api/v1/components/groups/{id}";

export const GROUPS = {
  list: operation({
    ...common, method: "GET", path: COLLECTION, operationId: "listComponentGroups", summary: "List component groups",
    query: GroupFilters, responses: { 200: list(Group) },
    list: ({ principal, query, page }) => listGroups(principal, query, page),
  }),
  create: operation({
    ...common, method: "POST", path: COLLECTION, operationId: "createComponentGroup", summary: "Create a component group",
    body: body({ GroupInput }), responses: { 201: Group },
    run: async ({ body }) => created(await createGroup(body)),
  }),
  get: operation({
    ...common, method: "GET", path: DETAIL, operationId: "getComponentGroup", summary: "Read a component group", responses: { 200: Group },
    run: async ({ principal, params }) => ok(await getGroup(principal, parseId(params.id))),
  }),
  replace: operation({
    ...common, method: "PUT", path: DETAIL, operationId: "replaceComponentGroup", summary: "Replace a component group",
    body: body({ GroupInput }), responses: { 200: Group },
    run: async ({ principal, params, body }) => ok(await updateGroup(principal, parseId(params.id), { ...GROUP_DEFAULTS, ...body })),
  }),
  update: operation({
    ...common, method: "PATCH", path: DETAIL, operationId: "updateComponentGroup", summary: "Change some fields of a component group",
    body: body({ GroupPatch }), responses: { 200: Group },
    run: async ({ principal, params, body }) => ok(await updateGroup(principal, parseId(params.id), body)),
  }),
  delete: operation({
    ...common, method: "DELETE", path: DETAIL, operationId: "deleteComponentGroup", summary: "Delete a component group", responses: NO_CONTENT,
    run: async ({ principal, params }) => {
      await deleteGroup(principal, parseId(params.id));
      return noContent();
    },
  }),
};
