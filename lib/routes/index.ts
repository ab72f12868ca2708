// The registry: every operation of the API, declared once (lib/operations, lib/graphql/operation.ts and the
// indexes below). Route files export `route(path)`; the OpenAPI document, the test harness's routing and
// the browsable API's links all read this same list.
import { endpoint } from "../api/handler.ts";
import { rootIndex, rootIntro, v1Index, v1Intro } from "../api/index-doc.ts";
import { matchTemplate, named, operation, type Operation } from "../api/operation.ts";
import { ok } from "../api/respond.ts";
import { requestOrigin } from "../net.ts";
import { GRAPHQL } from "../graphql/operation.ts";
import { buildOpenApiDocument, type OpenApiDocument } from "../openapi/index.ts";
import { ApiRootOut, OpenApiDocumentOut, V1IndexOut } from "../openapi/schemas.ts";
import { ACCOUNT } from "../operations/account.ts";
import { COMPONENTS } from "../operations/components.ts";
import { GROUPS } from "../operations/groups.ts";
import { INCIDENT_UPDATES, INCIDENTS } from "../operations/incidents.ts";
import { MAINTENANCE } from "../operations/maintenance.ts";
import { MENUS } from "../operations/menus.ts";
import { PAGES } from "../operations/pages.ts";
import { ROLES } from "../operations/roles.ts";
import { STATUSPAGE } from "../operations/statuspage.ts";
import { SETTINGS } from "../operations/settings.ts";
import { SUBSCRIBERS } from "../operations/subscribers.ts";
import { SUBSCRIPTIONS } from "../operations/subscriptions.ts";
import { TOKENS } from "../operations/tokens.ts";
import { USERS } from "../operations/users.ts";
import { WEBHOOKS } from "../operations/webhooks.ts";

const index = { tag: "Index", method: "GET" } as const;

const INDEXES = {
  root: operation({
    ...index, path: "/api/", operationId: "apiRoot", summary: "API root", description: "Links to the versioned API and GraphQL.",
    responses: { 200: named("ApiRoot", ApiRootOut) },
    run: async ({ req }) => ({ ...ok(rootIndex(req)), intro: rootIntro() }),
  }),
  v1: operation({
    ...index, path: "/api/v1/", operationId: "apiV1Index", summary: "v1 index", description: "One absolute URL per v1 endpoint.",
    responses: { 200: named("ApiV1Index", V1IndexOut) },
    run: async ({ req }) => ({ ...ok(v1Index(req)), intro: v1Intro() }),
  }),
  openapi: operation({
    ...index, path: "/api/v1/openapi.json", operationId: "openApiDocument", summary: "This OpenAPI 3.1 document",
    responses: { 200: named("OpenApiDocument", OpenApiDocumentOut) },
    // The server is Beacon's own origin (the configured public URL, else the request's host), so tools that
    // fetched the document from elsewhere still call the right place.
    run: async ({ req }) => ok({ ...openApiDocument(), servers: [{ url: `${requestOrigin(req)}/` }] }),
  }),
};

/** Every operation, in the order the OpenAPI document lists them; per path, in the order of `Allow`. */
export const OPERATIONS: readonly Operation[] = [
  INDEXES,
  COMPONENTS,
  GROUPS,
  INCIDENTS,
  INCIDENT_UPDATES,
  MAINTENANCE,
  SUBSCRIBERS,
  SUBSCRIPTIONS,
  PAGES,
  MENUS,
  USERS,
  ROLES,
  SETTINGS,
  TOKENS,
  WEBHOOKS,
  ACCOUNT,
  STATUSPAGE,
  GRAPHQL,
].flatMap((group) => Object.values(group));

const PATHS = [...new Set(OPERATIONS.map((op) => op.path))];

/** The path template serving `pathname`, and its parameters: how Next routes to app/api's folders. */
export function matchPath(pathname: string): { template: string; params: Record<string, string> } | null {
  return matchTemplate(pathname, PATHS);
}

/** The seven method exports of the route file of `path`. */
export function route(path: string) {
  const ops = OPERATIONS.filter((op) => op.path === path);
  if (ops.length === 0) throw new Error(`No operation is declared for ${path}.`);
  const detail = `${path.replace(/\/+$/, "")}/{`;
  const linksDetails = OPERATIONS.some((op) => op.method === "GET" && op.path.startsWith(detail) && !op.path.slice(detail.length).includes("/"));
  return endpoint(ops, { linksDetails });
}

let cached: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document of the registry, built once per process. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument(OPERATIONS);
  return cached;
}
