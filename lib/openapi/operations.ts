// The one table of every operation of the REST API. lib/openapi/document.ts turns it into the OpenAPI
// document, and tests/openapi-coverage.test.ts holds it against the route files of app/api, so a route
// this table does not list (or a row no route serves) fails the tests.
import { z, type ZodType } from "zod";
import type { Permission } from "../auth/permissions.ts";
import { AuditEventOut, AuditFilters } from "../validation/audit.ts";
import { ComponentFilters, ComponentInput, ComponentOut, ComponentPatch } from "../validation/components.ts";
import { GroupFilters, GroupInput, GroupOut, GroupPatch } from "../validation/groups.ts";
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
import { GraphqlQuery, GraphqlRequest, GraphqlRequestErrorOut, GraphqlResponseOut } from "../validation/graphql.ts";
import { MenuFilters, MenuInput, MenuOut, MenuPatch } from "../validation/menus.ts";
import { PageFilters, PageInput, PageOut, PagePatch } from "../validation/pages.ts";
import { RoleFilters, RoleInput, RoleOut, RolePatch } from "../validation/roles.ts";
import { SettingsOut, SettingsPatch, SettingsPut } from "../validation/settings.ts";
import { SubscriberFilters, SubscriberInput, SubscriberOut, SubscriberPatch } from "../validation/subscribers.ts";
import { TokenCreate, TokenFilters, TokenOut, TokenPatch, TokenProvision, TokenRefresh, TokenRevoke } from "../validation/tokens.ts";
import { UserCreate, UserCreatedOut, UserFilters, UserOut, UserPatch, UserPut } from "../validation/users.ts";
import { ApiRootOut, ErrorOut, OpenApiDocumentOut, RevokedOut, SelfOut, V1IndexOut, paginatedOf } from "./schemas.ts";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** A zod schema and the name it has under `components.schemas`. */
export interface NamedSchema {
  name: string;
  schema: ZodType;
  /** For a list envelope: its items, which get a name of their own. */
  item?: NamedSchema;
}

export interface OperationSpec {
  /** Full path template, parameters in braces: `/api/v1/components/{id}`. */
  path: string;
  method: HttpMethod;
  operationId: string;
  summary: string;
  description?: string;
  tag: Tag;
  /** The permission the route names (`api({ permission })`). */
  permission?: Permission;
  /** Needs a signed-in principal even when the public role would grant the permission. */
  requireUser?: boolean;
  /** Needs no credentials at all (any that are sent are still checked). */
  noAuth?: boolean;
  /** A read-only token may use this unsafe method. */
  allowReadOnlyToken?: boolean;
  /** The JSON body (`api({ body })`). */
  body?: NamedSchema;
  /** The query-string filters (`api({ query })`); every value is a string on the wire. */
  query?: ZodType;
  /** A NetBox-paginated list: adds ?limit= and ?offset=. */
  paginated?: boolean;
  /** Success responses: the body's schema, or null for no body (204); an error status listed here replaces the shared error response. */
  responses: Record<number, NamedSchema | null>;
}

export const TAGS = {
  Index: "Where everything is: the API root, the v1 index and this document.",
  Components: "The parts of the service whose status the page shows. Anonymous callers see enabled components only.",
  "Component groups": "Groups of components. Anonymous callers see visible groups only.",
  Incidents: "Incidents and scheduled maintenance. Anonymous callers see visible incidents only.",
  "Incident updates": "Updates posted to an incident; each moves the incident (and optionally its component) along.",
  Subscribers: "E-mail subscribers. Never public: a token or a session is always needed.",
  Pages: "Content pages (Markdown). Anonymous callers see published pages only.",
  Menus: "Menus of links to URLs or pages.",
  Users: "Team members and their roles.",
  Roles: "Roles and their permissions (resource:action).",
  Settings: "Site settings, including the public API role that anonymous requests act as.",
  Tokens: "API tokens: many per user, shown once, stored only as a keyed digest.",
  Authentication: "Who am I, and trading a password for a token.",
  Audit: "Token and account events.",
  GraphQL: "The same objects and rules over GraphQL: each field checks the permission of its REST route.",
} as const;
export type Tag = keyof typeof TAGS;

const named = (name: string, schema: ZodType): NamedSchema => ({ name, schema });

// Output schemas (responses).
const Component = named("Component", ComponentOut);
const Group = named("ComponentGroup", GroupOut);
const Incident = named("Incident", IncidentOut);
const IncidentUpdate = named("IncidentUpdate", IncidentUpdateOut);
const Subscriber = named("Subscriber", SubscriberOut);
const Page = named("Page", PageOut);
const Menu = named("Menu", MenuOut);
const User = named("User", UserOut);
const Role = named("Role", RoleOut);
const Settings = named("Settings", SettingsOut);
const Token = named("Token", TokenOut);
const list = (item: NamedSchema): NamedSchema => ({ ...named(`${item.name}List`, paginatedOf(item.schema)), item });

// Input schemas (request bodies), named as lib/validation exports them.
const body = (schemas: Record<string, ZodType>): NamedSchema => {
  const [name, schema] = Object.entries(schemas)[0];
  return named(name, schema);
};

const NO_CONTENT = { 204: null };

const GraphqlResponse = named("GraphqlResponse", GraphqlResponseOut);
// The wrapper's own 400s (JSON, validation of the request) keep the REST error body.
const GraphqlBadRequest = named("GraphqlBadRequest", z.union([ErrorOut, GraphqlRequestErrorOut]));
const GRAPHQL_DESCRIPTION =
  "Queries `me`, `components`, `component`, `componentGroups`, `incidents` (with `updates`), `incident`, `pages`, `page`, `menus`; mutations `createComponent`, `updateComponent`, `deleteComponent`, `createIncident`, `postIncidentUpdate`. Same credentials and rules as REST; each field checks the permission of its REST route and answers its errors in `errors[]` with `extensions.code` (`UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`, `BAD_USER_INPUT` with `extensions.errors`), HTTP 200. A malformed document, one over 10 kB or nested deeper than 8 is a 400.";

export const OPERATIONS: OperationSpec[] = [
  // Index
  { path: "/api/", method: "get", operationId: "apiRoot", tag: "Index", noAuth: true, summary: "API root", description: "Links to the versioned API and GraphQL.", responses: { 200: named("ApiRoot", ApiRootOut) } },
  { path: "/api/v1/", method: "get", operationId: "apiV1Index", tag: "Index", noAuth: true, summary: "v1 index", description: "One absolute URL per v1 endpoint.", responses: { 200: named("ApiV1Index", V1IndexOut) } },
  { path: "/api/v1/openapi.json", method: "get", operationId: "openApiDocument", tag: "Index", noAuth: true, summary: "This OpenAPI 3.1 document", responses: { 200: named("OpenApiDocument", OpenApiDocumentOut) } },

  // Components
  { path: "/api/v1/components", method: "get", operationId: "listComponents", tag: "Components", permission: "components:read", query: ComponentFilters, paginated: true, summary: "List components", responses: { 200: list(Component) } },
  { path: "/api/v1/components", method: "post", operationId: "createComponent", tag: "Components", permission: "components:write", body: body({ ComponentInput }), summary: "Create a component", description: "Cachet's own example works verbatim: `curl -u email:password -H \"Content-Type: application/json\" -d '{\"name\":\"API\",\"status\":1}' …/api/v1/components`.", responses: { 201: Component } },
  { path: "/api/v1/components/{id}", method: "get", operationId: "getComponent", tag: "Components", permission: "components:read", summary: "Read a component", responses: { 200: Component } },
  { path: "/api/v1/components/{id}", method: "put", operationId: "replaceComponent", tag: "Components", permission: "components:write", body: body({ ComponentInput }), summary: "Replace a component", description: "Fields left out take their defaults.", responses: { 200: Component } },
  { path: "/api/v1/components/{id}", method: "patch", operationId: "updateComponent", tag: "Components", permission: "components:write", body: body({ ComponentPatch }), summary: "Change some fields of a component", responses: { 200: Component } },
  { path: "/api/v1/components/{id}", method: "delete", operationId: "deleteComponent", tag: "Components", permission: "components:write", summary: "Delete a component", responses: NO_CONTENT },

  // Component groups
  { path: "/api/v1/components/groups", method: "get", operationId: "listComponentGroups", tag: "Component groups", permission: "components:read", query: GroupFilters, paginated: true, summary: "List component groups", responses: { 200: list(Group) } },
  { path: "/api/v1/components/groups", method: "post", operationId: "createComponentGroup", tag: "Component groups", permission: "components:write", body: body({ GroupInput }), summary: "Create a component group", responses: { 201: Group } },
  { path: "/api/v1/components/groups/{id}", method: "get", operationId: "getComponentGroup", tag: "Component groups", permission: "components:read", summary: "Read a component group", responses: { 200: Group } },
  { path: "/api/v1/components/groups/{id}", method: "put", operationId: "replaceComponentGroup", tag: "Component groups", permission: "components:write", body: body({ GroupInput }), summary: "Replace a component group", responses: { 200: Group } },
  { path: "/api/v1/components/groups/{id}", method: "patch", operationId: "updateComponentGroup", tag: "Component groups", permission: "components:write", body: body({ GroupPatch }), summary: "Change some fields of a component group", responses: { 200: Group } },
  { path: "/api/v1/components/groups/{id}", method: "delete", operationId: "deleteComponentGroup", tag: "Component groups", permission: "components:write", summary: "Delete a component group", responses: NO_CONTENT },

  // Incidents
  { path: "/api/v1/incidents", method: "get", operationId: "listIncidents", tag: "Incidents", permission: "incidents:read", query: IncidentFilters, paginated: true, summary: "List incidents", responses: { 200: list(Incident) } },
  { path: "/api/v1/incidents", method: "post", operationId: "createIncident", tag: "Incidents", permission: "incidents:write", body: body({ IncidentInput }), summary: "Create an incident", responses: { 201: Incident } },
  { path: "/api/v1/incidents/{id}", method: "get", operationId: "getIncident", tag: "Incidents", permission: "incidents:read", summary: "Read an incident", responses: { 200: Incident } },
  { path: "/api/v1/incidents/{id}", method: "put", operationId: "replaceIncident", tag: "Incidents", permission: "incidents:write", body: body({ IncidentInput }), summary: "Replace an incident", responses: { 200: Incident } },
  { path: "/api/v1/incidents/{id}", method: "patch", operationId: "updateIncident", tag: "Incidents", permission: "incidents:write", body: body({ IncidentPatch }), summary: "Change some fields of an incident", responses: { 200: Incident } },
  { path: "/api/v1/incidents/{id}", method: "delete", operationId: "deleteIncident", tag: "Incidents", permission: "incidents:write", summary: "Delete an incident", responses: NO_CONTENT },

  // Incident updates
  { path: "/api/v1/incidents/{id}/updates", method: "get", operationId: "listIncidentUpdates", tag: "Incident updates", permission: "incidents:read", query: IncidentUpdateFilters, paginated: true, summary: "List the updates of an incident", responses: { 200: list(IncidentUpdate) } },
  { path: "/api/v1/incidents/{id}/updates", method: "post", operationId: "createIncidentUpdate", tag: "Incident updates", permission: "incidents:write", body: body({ IncidentUpdateInput }), summary: "Post an update to an incident", description: "Sets the incident's status, and the component's when `component_status` is given.", responses: { 201: IncidentUpdate } },
  { path: "/api/v1/incidents/{id}/updates/{update_id}", method: "get", operationId: "getIncidentUpdate", tag: "Incident updates", permission: "incidents:read", summary: "Read an incident update", responses: { 200: IncidentUpdate } },
  { path: "/api/v1/incidents/{id}/updates/{update_id}", method: "put", operationId: "replaceIncidentUpdate", tag: "Incident updates", permission: "incidents:write", body: body({ IncidentUpdateReplace }), summary: "Replace the text and status of an update", responses: { 200: IncidentUpdate } },
  { path: "/api/v1/incidents/{id}/updates/{update_id}", method: "patch", operationId: "updateIncidentUpdate", tag: "Incident updates", permission: "incidents:write", body: body({ IncidentUpdatePatch }), summary: "Change the text or status of an update", responses: { 200: IncidentUpdate } },
  { path: "/api/v1/incidents/{id}/updates/{update_id}", method: "delete", operationId: "deleteIncidentUpdate", tag: "Incident updates", permission: "incidents:write", summary: "Delete an incident update", responses: NO_CONTENT },

  // Subscribers
  { path: "/api/v1/subscribers", method: "get", operationId: "listSubscribers", tag: "Subscribers", permission: "subscribers:read", requireUser: true, query: SubscriberFilters, paginated: true, summary: "List subscribers", responses: { 200: list(Subscriber) } },
  { path: "/api/v1/subscribers", method: "post", operationId: "createSubscriber", tag: "Subscribers", permission: "subscribers:write", requireUser: true, body: body({ SubscriberInput }), summary: "Add a subscriber", responses: { 201: Subscriber } },
  { path: "/api/v1/subscribers/{id}", method: "get", operationId: "getSubscriber", tag: "Subscribers", permission: "subscribers:read", requireUser: true, summary: "Read a subscriber", responses: { 200: Subscriber } },
  { path: "/api/v1/subscribers/{id}", method: "put", operationId: "replaceSubscriber", tag: "Subscribers", permission: "subscribers:write", requireUser: true, body: body({ SubscriberInput }), summary: "Replace a subscriber", responses: { 200: Subscriber } },
  { path: "/api/v1/subscribers/{id}", method: "patch", operationId: "updateSubscriber", tag: "Subscribers", permission: "subscribers:write", requireUser: true, body: body({ SubscriberPatch }), summary: "Change some fields of a subscriber", responses: { 200: Subscriber } },
  { path: "/api/v1/subscribers/{id}", method: "delete", operationId: "deleteSubscriber", tag: "Subscribers", permission: "subscribers:write", requireUser: true, summary: "Remove a subscriber", responses: NO_CONTENT },

  // Pages
  { path: "/api/v1/pages", method: "get", operationId: "listPages", tag: "Pages", permission: "pages:read", query: PageFilters, paginated: true, summary: "List pages", responses: { 200: list(Page) } },
  { path: "/api/v1/pages", method: "post", operationId: "createPage", tag: "Pages", permission: "pages:write", body: body({ PageInput }), summary: "Create a page", responses: { 201: Page } },
  { path: "/api/v1/pages/{id}", method: "get", operationId: "getPage", tag: "Pages", permission: "pages:read", summary: "Read a page", responses: { 200: Page } },
  { path: "/api/v1/pages/{id}", method: "put", operationId: "replacePage", tag: "Pages", permission: "pages:write", body: body({ PageInput }), summary: "Replace a page", responses: { 200: Page } },
  { path: "/api/v1/pages/{id}", method: "patch", operationId: "updatePage", tag: "Pages", permission: "pages:write", body: body({ PagePatch }), summary: "Change some fields of a page", responses: { 200: Page } },
  { path: "/api/v1/pages/{id}", method: "delete", operationId: "deletePage", tag: "Pages", permission: "pages:write", summary: "Delete a page", responses: NO_CONTENT },

  // Menus
  { path: "/api/v1/menus", method: "get", operationId: "listMenus", tag: "Menus", permission: "menus:read", query: MenuFilters, paginated: true, summary: "List menus", responses: { 200: list(Menu) } },
  { path: "/api/v1/menus", method: "post", operationId: "createMenu", tag: "Menus", permission: "menus:write", body: body({ MenuInput }), summary: "Create a menu", responses: { 201: Menu } },
  { path: "/api/v1/menus/{id}", method: "get", operationId: "getMenu", tag: "Menus", permission: "menus:read", summary: "Read a menu", responses: { 200: Menu } },
  { path: "/api/v1/menus/{id}", method: "put", operationId: "replaceMenu", tag: "Menus", permission: "menus:write", body: body({ MenuInput }), summary: "Replace a menu", responses: { 200: Menu } },
  { path: "/api/v1/menus/{id}", method: "patch", operationId: "updateMenu", tag: "Menus", permission: "menus:write", body: body({ MenuPatch }), summary: "Change some fields of a menu", responses: { 200: Menu } },
  { path: "/api/v1/menus/{id}", method: "delete", operationId: "deleteMenu", tag: "Menus", permission: "menus:write", summary: "Delete a menu", responses: NO_CONTENT },

  // Users
  { path: "/api/v1/users", method: "get", operationId: "listUsers", tag: "Users", permission: "users:read", query: UserFilters, paginated: true, summary: "List team members", responses: { 200: list(User) } },
  { path: "/api/v1/users", method: "post", operationId: "createUser", tag: "Users", permission: "users:write", body: body({ UserCreate }), summary: "Add a team member", description: "With `create_token: true` the answer also carries the user's first API token and its key (shown once).", responses: { 201: named("UserCreated", UserCreatedOut) } },
  { path: "/api/v1/users/{id}", method: "get", operationId: "getUser", tag: "Users", permission: "users:read", summary: "Read a team member", responses: { 200: User } },
  { path: "/api/v1/users/{id}", method: "put", operationId: "replaceUser", tag: "Users", permission: "users:write", body: body({ UserPut }), summary: "Replace a team member", description: "A missing password keeps the current one.", responses: { 200: User } },
  { path: "/api/v1/users/{id}", method: "patch", operationId: "updateUser", tag: "Users", permission: "users:write", body: body({ UserPatch }), summary: "Change some fields of a team member", responses: { 200: User } },
  { path: "/api/v1/users/{id}", method: "delete", operationId: "deleteUser", tag: "Users", permission: "users:write", summary: "Remove a team member", responses: NO_CONTENT },

  // Roles
  { path: "/api/v1/roles", method: "get", operationId: "listRoles", tag: "Roles", permission: "roles:read", query: RoleFilters, paginated: true, summary: "List roles", responses: { 200: list(Role) } },
  { path: "/api/v1/roles", method: "post", operationId: "createRole", tag: "Roles", permission: "roles:write", body: body({ RoleInput }), summary: "Create a role", responses: { 201: Role } },
  { path: "/api/v1/roles/{id}", method: "get", operationId: "getRole", tag: "Roles", permission: "roles:read", summary: "Read a role", responses: { 200: Role } },
  { path: "/api/v1/roles/{id}", method: "put", operationId: "replaceRole", tag: "Roles", permission: "roles:write", body: body({ RoleInput }), summary: "Replace a role", responses: { 200: Role } },
  { path: "/api/v1/roles/{id}", method: "patch", operationId: "updateRole", tag: "Roles", permission: "roles:write", body: body({ RolePatch }), summary: "Change some fields of a role", responses: { 200: Role } },
  { path: "/api/v1/roles/{id}", method: "delete", operationId: "deleteRole", tag: "Roles", permission: "roles:write", summary: "Delete a custom role", description: "Built-in roles cannot be deleted.", responses: NO_CONTENT },

  // Settings
  { path: "/api/v1/settings", method: "get", operationId: "getSettings", tag: "Settings", permission: "settings:read", summary: "Read the settings", responses: { 200: Settings } },
  { path: "/api/v1/settings", method: "put", operationId: "replaceSettings", tag: "Settings", permission: "settings:write", body: body({ SettingsPut }), summary: "Replace the settings", description: "The public API role by `public_role_id` or by name in `public_role`; null for none.", responses: { 200: Settings } },
  { path: "/api/v1/settings", method: "patch", operationId: "updateSettings", tag: "Settings", permission: "settings:write", body: body({ SettingsPatch }), summary: "Change some settings", responses: { 200: Settings } },

  // Tokens
  { path: "/api/v1/tokens", method: "get", operationId: "listTokens", tag: "Tokens", permission: "tokens:read", query: TokenFilters, paginated: true, summary: "List API tokens", description: "Your own tokens; with `users:read`, everyone's.", responses: { 200: list(Token) } },
  { path: "/api/v1/tokens", method: "post", operationId: "createToken", tag: "Tokens", permission: "tokens:write", body: body({ TokenCreate }), summary: "Create an API token", description: "The answer carries the plaintext `key`, which no later response shows. A token never exceeds the credential that made it.", responses: { 201: Token } },
  { path: "/api/v1/tokens/{id}", method: "get", operationId: "getToken", tag: "Tokens", permission: "tokens:read", summary: "Read an API token", responses: { 200: Token } },
  { path: "/api/v1/tokens/{id}", method: "patch", operationId: "updateToken", tag: "Tokens", permission: "tokens:write", body: body({ TokenPatch }), summary: "Change an API token", responses: { 200: Token } },
  { path: "/api/v1/tokens/{id}", method: "delete", operationId: "deleteToken", tag: "Tokens", permission: "tokens:write", summary: "Revoke an API token", responses: NO_CONTENT },
  { path: "/api/v1/tokens/{id}/refresh", method: "post", operationId: "refreshToken", tag: "Tokens", permission: "tokens:write", body: body({ TokenRefresh }), summary: "Give a token a new key", description: "Same settings, new `key` (in this answer only). The old key fails once the answer is sent, or after `grace_seconds` (at most 86400).", responses: { 200: Token } },
  { path: "/api/v1/tokens/self", method: "get", operationId: "getSelfToken", tag: "Tokens", requireUser: true, summary: "Read the token this request uses", responses: { 200: Token } },
  { path: "/api/v1/tokens/self", method: "delete", operationId: "deleteSelfToken", tag: "Tokens", requireUser: true, allowReadOnlyToken: true, summary: "Revoke the token this request uses", description: "For a script whose key leaked; a read-only token may do it.", responses: NO_CONTENT },
  { path: "/api/v1/tokens/revoke", method: "post", operationId: "revokeTokenKeys", tag: "Tokens", noAuth: true, allowReadOnlyToken: true, body: body({ TokenRevoke }), summary: "Revoke leaked keys", description: "Revokes every valid key listed and answers how many, never which. Keys that match no live token count as invalid tokens (60 per IP per minute, then 429).", responses: { 200: named("RevokeResult", RevokedOut) } },

  // Authentication
  { path: "/api/v1/user/self", method: "get", operationId: "getSelf", tag: "Authentication", requireUser: true, summary: "Who am I", description: "The user, how this request authenticated, the token used and the effective permissions.", responses: { 200: named("Self", SelfOut) } },
  { path: "/api/v1/auth/token", method: "post", operationId: "provisionToken", tag: "Authentication", noAuth: true, body: body({ TokenProvision }), summary: "Trade an e-mail and password for a new token", description: "`username` is an alias of `email`. Throttled like Basic authentication. The answer carries the new `key`.", responses: { 201: Token } },

  // Audit
  { path: "/api/v1/audit", method: "get", operationId: "listAuditEvents", tag: "Audit", requireUser: true, query: AuditFilters, paginated: true, summary: "List audit events", description: "Events you caused or that concern you; with `users:read`, all of them.", responses: { 200: list(named("AuditEvent", AuditEventOut)) } },

  // GraphQL
  { path: "/api/graphql", method: "get", operationId: "graphqlGet", tag: "GraphQL", noAuth: true, query: GraphqlQuery, summary: "Run a GraphQL query (queries only)", description: `${GRAPHQL_DESCRIPTION} Mutations over GET are a 405.`, responses: { 200: GraphqlResponse, 400: GraphqlBadRequest } },
  { path: "/api/graphql", method: "post", operationId: "graphqlPost", tag: "GraphQL", noAuth: true, allowReadOnlyToken: true, body: body({ GraphqlRequest }), summary: "Run a GraphQL query or mutation", description: `${GRAPHQL_DESCRIPTION} A read-only token may query; its mutations fail with \`This token does not permit write operations.\``, responses: { 200: GraphqlResponse, 400: GraphqlBadRequest } },
];
