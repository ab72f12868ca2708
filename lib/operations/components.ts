// /api/v1/components: the parts of the service whose status the page shows.
import { body } from "../api/operation.ts";
import { COMPONENT_DEFAULTS, createComponent, deleteComponent, getComponent, listComponents, updateComponent } from "../components/index.ts";
import { ComponentFilters, ComponentInput, ComponentOut, ComponentPatch } from "../validation/components.ts";
import { resource } from "./resource.ts";

export const COMPONENTS = resource(
  { tag: "Components", resource: "components", path: "/api/v1/components", name: "Component", noun: "a component", publicCache: true },
  { out: ComponentOut, filters: ComponentFilters, input: body({ ComponentInput }), patch: body({ ComponentPatch }), defaults: COMPONENT_DEFAULTS },
  { list: listComponents, create: (_principal, input) => createComponent(input), get: getComponent, update: updateComponent, remove: deleteComponent },
  {
    create: { description: "Cachet's own example works verbatim: `curl -u email:password -H \"Content-Type: application/json\" -d '{\"name\":\"API\",\"status\":1}' …/api/v1/components`." },
    replace: { description: "Fields left out take their defaults." },
  },
);
