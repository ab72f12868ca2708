// The GraphQL schema (code-first): the same objects as REST (the domain serializers' shapes, fields in
// camelCase), read and written through the same domain functions with the request's principal, each
// field checked against the declaration of the REST operation it stands for (lib/operations), by the
// same check the REST wrapper runs (lib/auth/access.ts).
import {
  GraphQLBoolean,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLFieldConfigMap,
  type GraphQLFieldResolver,
  type GraphQLInputFieldConfigMap,
  type GraphQLNullableOutputType,
  type GraphQLNullableType,
} from "graphql";
import type { z } from "zod";
import type { Operation } from "../api/operation.ts";
import { assertPermitted } from "../auth/access.ts";
import { validationError } from "../errors.ts";
import { MAX_LIMIT, pageOf, type Page } from "../paging.ts";
import { parseId } from "../ids.ts";
import type { Principal } from "../auth/principal.ts";
import { createComponent, deleteComponent, getComponent, listComponents, updateComponent } from "../components/index.ts";
import { listGroups } from "../groups/index.ts";
import { createIncident, getIncident, listIncidents, postIncidentUpdate, updatesOfIncident } from "../incidents/index.ts";
import { listMenus } from "../menus/index.ts";
import { getPage, getPageBySlug, listPages } from "../pages/index.ts";
import { describeSelf } from "../users/self.ts";
import { ComponentFilters, ComponentInput, ComponentPatch } from "../validation/components.ts";
import { IncidentFilters, IncidentInput, IncidentUpdateInput } from "../validation/incidents.ts";
import { PageFilters } from "../validation/pages.ts";
import { COMPONENTS } from "../operations/components.ts";
import { GROUPS } from "../operations/groups.ts";
import { INCIDENT_UPDATES, INCIDENTS } from "../operations/incidents.ts";
import { MENUS } from "../operations/menus.ts";
import { PAGES } from "../operations/pages.ts";

export interface GraphqlContext {
  principal: Principal;
}

type Args = Record<string, unknown>;

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Output objects are the REST serializers' snake_case objects; GraphQL names their fields in camelCase. */
export const snakeCaseFieldResolver: GraphQLFieldResolver<unknown, GraphqlContext> = (source, _args, _ctx, info) => {
  if (!source || typeof source !== "object") return undefined;
  const record = source as Record<string, unknown>;
  const key = snakeCase(info.fieldName);
  return key in record ? record[key] : record[info.fieldName];
};

/** GraphQL arguments as the REST body the zod schemas validate: snake_case keys, a plain object. */
const asBody = (input: unknown): Args =>
  Object.fromEntries(Object.entries((input ?? {}) as Args).map(([k, v]) => [snakeCase(k), v]));

/** GraphQL arguments as the REST query string the filter schemas validate: given values as strings. */
const asQuery = (args: Args): Record<string, string> =>
  Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [snakeCase(k), String(v)]));

/** A GraphQL Int as an object id: out of range names no object (404), as in a REST path. */
const objectId = (id: unknown) => parseId(String(id));

const ALL = { limit: MAX_LIMIT, offset: 0 };

/** The principal, once it may use `operation` (the REST operation a field stands for). */
function allowed(ctx: GraphqlContext, operation: Operation): Principal {
  assertPermitted(ctx.principal, operation);
  return ctx.principal;
}

const nn = <T extends GraphQLNullableType>(type: T) => new GraphQLNonNull<T>(type);
const list = <T extends GraphQLNullableOutputType>(type: T) => nn(new GraphQLList(nn(type)));
const Int = nn(GraphQLInt);
const Str = nn(GraphQLString);
const Bool = nn(GraphQLBoolean);

const timestamps = { createdAt: { type: Str }, updatedAt: { type: Str } };

const Component = new GraphQLObjectType({
  name: "Component",
  fields: {
    id: { type: Int },
    name: { type: Str },
    description: { type: Str },
    link: { type: Str },
    status: { type: Int, description: "1 operational, 2 performance issues, 3 partial outage, 4 major outage." },
    statusName: { type: Str },
    order: { type: Int },
    groupId: { type: GraphQLInt },
    enabled: { type: Bool },
    ...timestamps,
  },
});

const ComponentGroup = new GraphQLObjectType({
  name: "ComponentGroup",
  fields: { id: { type: Int }, name: { type: Str }, order: { type: Int }, collapsed: { type: Bool }, visible: { type: Bool }, ...timestamps },
});

const IncidentUpdate = new GraphQLObjectType({
  name: "IncidentUpdate",
  fields: {
    id: { type: Int },
    incidentId: { type: Int },
    status: { type: Int },
    statusName: { type: Str },
    message: { type: Str },
    authorId: { type: GraphQLInt },
    ...timestamps,
  },
});

const AffectedComponent = new GraphQLObjectType({
  name: "AffectedComponent",
  description: "A component an incident affects, with the status the incident moved it to.",
  fields: { id: { type: Int }, name: { type: Str }, status: { type: Int }, statusName: { type: Str } },
});

const Incident: GraphQLObjectType = new GraphQLObjectType({
  name: "Incident",
  fields: {
    id: { type: Int },
    name: { type: Str },
    message: { type: Str },
    status: { type: Int, description: "0 scheduled, 1 investigating, 2 identified, 3 watching, 4 fixed." },
    statusName: { type: Str },
    visible: { type: Bool },
    componentId: { type: GraphQLInt },
    componentStatus: { type: GraphQLInt },
    occurredAt: { type: Str },
    scheduledAt: { type: GraphQLString },
    components: { type: list(AffectedComponent) },
    ...timestamps,
    updates: {
      type: list(IncidentUpdate),
      description: "Newest first.",
      resolve: (incident: { id: number }, _args: Args, ctx: GraphqlContext) => updatesOfIncident(allowed(ctx, INCIDENT_UPDATES.list), incident.id),
    },
  },
});

const ContentPage = new GraphQLObjectType({
  name: "Page",
  fields: { id: { type: Int }, title: { type: Str }, slug: { type: Str }, body: { type: Str }, published: { type: Bool }, ...timestamps },
});

const MenuItem = new GraphQLObjectType({
  name: "MenuItem",
  fields: { label: { type: Str }, url: { type: GraphQLString }, pageId: { type: GraphQLInt } },
});

const Menu = new GraphQLObjectType({
  name: "Menu",
  fields: { id: { type: Int }, name: { type: Str }, items: { type: list(MenuItem) }, ...timestamps },
});

const pageOfType = (name: string, item: GraphQLObjectType) =>
  new GraphQLObjectType({ name, fields: { count: { type: Int }, results: { type: list(item) } } });

const SelfUser = new GraphQLObjectType({
  name: "SelfUser",
  fields: { id: { type: Int }, email: { type: Str }, name: { type: Str }, roleId: { type: Int }, role: { type: Str }, active: { type: Bool }, canManageTokens: { type: Bool } },
});

const SelfToken = new GraphQLObjectType({
  name: "SelfToken",
  fields: {
    id: { type: Int },
    display: { type: Str },
    description: { type: Str },
    expiresAt: { type: GraphQLString },
    writeEnabled: { type: Bool },
    allowedIps: { type: list(GraphQLString) },
    scopes: { type: list(GraphQLString) },
  },
});

const Self = new GraphQLObjectType({
  name: "Self",
  description: "Who am I (GET /api/v1/user/self).",
  fields: { user: { type: nn(SelfUser) }, authentication: { type: Str }, token: { type: SelfToken }, permissions: { type: list(GraphQLString) } },
});

const paging = { limit: { type: GraphQLInt }, offset: { type: GraphQLInt } };

type Field = GraphQLFieldConfig<unknown, GraphqlContext>;

/** A paged list of `item`, permitted as the REST list `operation` and filtered by its query schema. */
function pagedList<F>(
  name: string,
  item: GraphQLObjectType,
  operation: Operation,
  filterArgs: GraphQLFieldConfigArgumentMap,
  filters: z.ZodType<F>,
  list: (principal: Principal, filters: F, page: Page) => Promise<unknown>,
): Field {
  return {
    type: nn(pageOfType(name, item)),
    args: { ...paging, ...filterArgs },
    resolve: (_src, { limit, offset, ...given }: Args, ctx) =>
      list(allowed(ctx, operation), filters.parse(asQuery(given)), pageOf(limit as number | null, offset as number | null)),
  };
}

/** One object by id, permitted as the REST detail `operation`. */
function byId(type: GraphQLObjectType, operation: Operation, get: (principal: Principal, id: number) => Promise<unknown>): Field {
  return { type: nn(type), args: { id: { type: Int } }, resolve: (_src, { id }: Args, ctx) => get(allowed(ctx, operation), objectId(id)) };
}

/** A create mutation, permitted as the REST `operation` and its input validated by the same body schema. */
function creation<I>(type: GraphQLObjectType, operation: Operation, inputType: GraphQLInputObjectType, body: z.ZodType<I>, create: (principal: Principal, input: I) => Promise<unknown>): Field {
  return {
    type: nn(type),
    args: { input: { type: nn(inputType) } },
    resolve: (_src, { input }: Args, ctx) => {
      const principal = allowed(ctx, operation);
      return create(principal, body.parse(asBody(input)));
    },
  };
}

const query = new GraphQLObjectType<unknown, GraphqlContext>({
  name: "Query",
  fields: {
    me: {
      type: Self,
      description: "The signed-in user, how this request authenticated and what it may do; null when anonymous.",
      resolve: (_src, _args, ctx) => (ctx.principal.user ? describeSelf(ctx.principal) : null),
    },
    components: pagedList(
      "ComponentPage", Component, COMPONENTS.list,
      { status: { type: GraphQLInt }, groupId: { type: GraphQLInt }, enabled: { type: GraphQLBoolean }, q: { type: GraphQLString } },
      ComponentFilters, listComponents,
    ),
    component: byId(Component, COMPONENTS.get, getComponent),
    componentGroups: {
      type: list(ComponentGroup),
      resolve: async (_src, _args, ctx) => (await listGroups(allowed(ctx, GROUPS.list), {}, ALL)).results,
    },
    incidents: pagedList(
      "IncidentPage", Incident, INCIDENTS.list,
      { status: { type: GraphQLInt }, visible: { type: GraphQLBoolean }, componentId: { type: GraphQLInt }, q: { type: GraphQLString } },
      IncidentFilters, listIncidents,
    ),
    incident: byId(Incident, INCIDENTS.get, getIncident),
    pages: {
      type: list(ContentPage),
      args: { published: { type: GraphQLBoolean }, q: { type: GraphQLString } },
      resolve: async (_src, args: Args, ctx) => (await listPages(allowed(ctx, PAGES.list), PageFilters.parse(asQuery(args)), ALL)).results,
    },
    page: {
      type: nn(ContentPage),
      description: "By id or by slug.",
      args: { id: { type: GraphQLInt }, slug: { type: GraphQLString } },
      resolve: async (_src, { id, slug }: Args, ctx) => {
        const principal = allowed(ctx, PAGES.get);
        if (id != null) return getPage(principal, objectId(id));
        if (slug == null) throw validationError({ id: ["Give id or slug."] });
        return getPageBySlug(principal, PageFilters.pick({ slug: true }).parse({ slug }).slug!);
      },
    },
    menus: {
      type: list(Menu),
      resolve: async (_src, _args, ctx) => (await listMenus(allowed(ctx, MENUS.list), {}, ALL)).results,
    },
  },
});

function inputType(name: string, fields: GraphQLInputFieldConfigMap) {
  return new GraphQLInputObjectType({ name, fields });
}

const componentFields = (required: boolean): GraphQLInputFieldConfigMap => ({
  name: { type: required ? Str : GraphQLString },
  description: { type: GraphQLString },
  link: { type: GraphQLString },
  status: { type: GraphQLInt },
  order: { type: GraphQLInt },
  groupId: { type: GraphQLInt },
  enabled: { type: GraphQLBoolean },
});

const ComponentInputType = inputType("ComponentInput", componentFields(true));
const ComponentPatchType = inputType("ComponentPatch", componentFields(false));
const AffectedComponentInputType = inputType("AffectedComponentInput", { id: { type: Int }, status: { type: Int } });
const affectedComponents = { type: new GraphQLList(nn(AffectedComponentInputType)), description: "Each component named takes its status." };
const IncidentInputType = inputType("IncidentInput", {
  name: { type: Str },
  message: { type: GraphQLString },
  status: { type: GraphQLInt },
  visible: { type: GraphQLBoolean },
  componentId: { type: GraphQLInt },
  componentStatus: { type: GraphQLInt },
  occurredAt: { type: GraphQLString },
  scheduledAt: { type: GraphQLString },
  components: affectedComponents,
});
const IncidentUpdateInputType = inputType("IncidentUpdateInput", {
  status: { type: Int },
  message: { type: Str },
  componentStatus: { type: GraphQLInt },
  components: affectedComponents,
});

const mutationFields: GraphQLFieldConfigMap<unknown, GraphqlContext> = {
  createComponent: creation(Component, COMPONENTS.create, ComponentInputType, ComponentInput, (_principal, input) => createComponent(input)),
  updateComponent: {
    type: nn(Component),
    description: "Changes the fields given (PATCH).",
    args: { id: { type: Int }, input: { type: nn(ComponentPatchType) } },
    resolve: (_src, { id, input }: Args, ctx) =>
      updateComponent(allowed(ctx, COMPONENTS.update), objectId(id), ComponentPatch.parse(asBody(input))),
  },
  deleteComponent: {
    type: Bool,
    args: { id: { type: Int } },
    resolve: async (_src, { id }: Args, ctx) => {
      await deleteComponent(allowed(ctx, COMPONENTS.delete), objectId(id));
      return true;
    },
  },
  createIncident: creation(Incident, INCIDENTS.create, IncidentInputType, IncidentInput, createIncident),
  postIncidentUpdate: {
    type: nn(IncidentUpdate),
    description: "Moves the incident (and, with componentStatus, its component) along, as POST /api/v1/incidents/{id}/updates does.",
    args: { incidentId: { type: Int }, input: { type: nn(IncidentUpdateInputType) } },
    resolve: (_src, { incidentId, input }: Args, ctx) =>
      postIncidentUpdate(allowed(ctx, INCIDENT_UPDATES.create), objectId(incidentId), IncidentUpdateInput.parse(asBody(input))),
  },
};

export const schema = new GraphQLSchema({
  query,
  mutation: new GraphQLObjectType<unknown, GraphqlContext>({ name: "Mutation", fields: mutationFields }),
});
