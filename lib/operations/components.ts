// /api/v1/components: the parts of the service whose status the page shows.
import { body, named, operation } from "../api/operation.ts";
import { created, noContent, ok } from "../api/respond.ts";
import { COMPONENT_DEFAULTS, createComponent, deleteComponent, getComponent, listComponents, updateComponent } from "../components/index.ts";
import { parseId } from "../ids.ts";
import { ComponentFilters, ComponentInput, ComponentOut, ComponentPatch } from "../validation/components.ts";
import { NO_CONTENT, list } from "./shared.ts";

const Component = named("Component", ComponentOut);
const common = { tag: "Components", resource: "components" } as const;
const COLLECTION = "/api/v1/components";
const DETAIL = "/api/v1/components/{id}";

export const COMPONENTS = {
  list: operation({
    ...common, method: "GET", path: COLLECTION, operationId: "listComponents", summary: "List components",
    query: ComponentFilters, responses: { 200: list(Component) },
    list: ({ principal, query, page }) => listComponents(principal, query, page),
  }),
  create: operation({
    ...common, method: "POST", path: COLLECTION, operationId: "createComponent", summary: "Create a component",
    description: "Cachet's own example works verbatim: `curl -u email:password -H \"Content-Type: application/json\" -d '{\"name\":\"API\",\"status\":1}' …/api/v1/components`.",
    body: body({ ComponentInput }), responses: { 201: Component },
    run: async ({ body }) => created(await createComponent(body)),
  }),
  get: operation({
    ...common, method: "GET", path: DETAIL, operationId: "getComponent", summary: "Read a component", responses: { 200: Component },
    run: async ({ principal, params }) => ok(await getComponent(principal, parseId(params.id))),
  }),
  replace: operation({
    ...common, method: "PUT", path: DETAIL, operationId: "replaceComponent", summary: "Replace a component", description: "Fields left out take their defaults.",
    body: body({ ComponentInput }), responses: { 200: Component },
    run: async ({ principal, params, body }) => ok(await updateComponent(principal, parseId(params.id), { ...COMPONENT_DEFAULTS, ...body })),
  }),
  update: operation({
    ...common, method: "PATCH", path: DETAIL, operationId: "updateComponent", summary: "Change some fields of a component",
    body: body({ ComponentPatch }), responses: { 200: Component },
    run: async ({ principal, params, body }) => ok(await updateComponent(principal, parseId(params.id), body)),
  }),
  delete: operation({
    ...common, method: "DELETE", path: DETAIL, operationId: "deleteComponent", summary: "Delete a component", responses: NO_CONTENT,
    run: async ({ principal, params }) => {
      await deleteComponent(principal, parseId(params.id));
      return noContent();
    },
  }),
};
