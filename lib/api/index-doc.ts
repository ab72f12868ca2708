// The browsable indexes at /api/ and /api/v1/: where everything is.
import { requestOrigin } from "../net.ts";
import type { PageIntro } from "./respond.ts";

/** Every v1 endpoint, in the order the index lists it, and what it is. */
const ENDPOINT_NOTES = {
  components: "the parts of the service and their status",
  "components/groups": "groups of components",
  incidents: "incidents and maintenance, and their updates",
  subscribers: "e-mail subscribers (never public)",
  pages: "content pages (Markdown)",
  menus: "menus of links to URLs and pages",
  users: "team members",
  tokens: "API tokens",
  roles: "roles and their permissions",
  settings: "site settings and the public API role",
  webhooks: "signed webhook endpoints and their deliveries (never public)",
  "user/self": "who am I, how this request authenticated, what it may do",
  "auth/token": "trade an e-mail and password for a new token (POST)",
  audit: "token and account events",
  "openapi.json": "the OpenAPI 3.1 description of all of this",
} as const;

export const V1_ENDPOINTS = Object.keys(ENDPOINT_NOTES) as (keyof typeof ENDPOINT_NOTES)[];

const REFERENCE_LINKS = [
  { href: "/docs/api", label: "API reference", note: "every endpoint, field and filter" },
  { href: "/api/v1/openapi.json?format=json", label: "OpenAPI 3.1 document", note: "as JSON, for tools" },
];

const BROWSING =
  "You are looking at the browsable API: every /api/ URL opened in a browser shows its JSON answer like this, with links to follow, who you are signed in as, and forms for the requests you may send. Scripts get the same answers as JSON (add ?format=json to see them here).";

export function v1Index(req: Request) {
  const base = `${requestOrigin(req)}/api/v1/`;
  return Object.fromEntries(V1_ENDPOINTS.map((name) => [name, `${base}${name}`]));
}

export function v1Intro(): PageIntro {
  return {
    title: "Beacon API v1",
    text: BROWSING,
    links: [...REFERENCE_LINKS, ...V1_ENDPOINTS.map((name) => ({ href: `/api/v1/${name}`, label: `/api/v1/${name}`, note: ENDPOINT_NOTES[name] }))],
  };
}

export function rootIndex(req: Request) {
  const origin = requestOrigin(req);
  return { v1: `${origin}/api/v1/`, graphql: `${origin}/api/graphql`, docs: `${origin}/docs/api`, openapi: `${origin}/api/v1/openapi.json` };
}

export function rootIntro(): PageIntro {
  return {
    title: "Beacon API",
    text: BROWSING,
    links: [
      { href: "/api/v1/", label: "/api/v1/", note: "version 1: the index of every endpoint" },
      { href: "/api/graphql?query=%7B%20me%20%7B%20user%20%7B%20email%20%7D%20%7D%20%7D", label: "/api/graphql", note: "the same objects and rules over GraphQL (POST, or GET ?query=)" },
      ...REFERENCE_LINKS,
    ],
  };
}
