// /api/v1/components/groups: groups of components (a static segment: Next serves it here, not as components/{id}).
import { body } from "../api/operation.ts";
import { GROUP_DEFAULTS, createGroup, deleteGroup, getGroup, listGroups, updateGroup } from "../groups/index.ts";
import { GroupFilters, GroupInput, GroupOut, GroupPatch } from "../validation/groups.ts";
import { resource } from "./resource.ts";

export const GROUPS = resource(
  { tag: "Component groups", resource: "components", path: "/api/v1/components/groups", name: "ComponentGroup", noun: "a component group", publicCache: true },
  { out: GroupOut, filters: GroupFilters, input: body({ GroupInput }), patch: body({ GroupPatch }), defaults: GROUP_DEFAULTS },
  { list: listGroups, create: (_principal, input) => createGroup(input), get: getGroup, update: updateGroup, remove: deleteGroup },
);
