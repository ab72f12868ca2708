// The browsable indexes at /api/ and /api/v1/: where everything is.
import { requestOrigin } from "../net.ts";

export const V1_ENDPOINTS = [
  "components",
  "components/groups",
  "incidents",
  "subscribers",
  "pages",
  "menus",
  "users",
  "tokens",
  "roles",
  "settings",
  "user/self",
  "auth/token",
  "audit",
  "openapi.json",
] as const;

export function v1Index(req: Request) {
  const base = `${requestOrigin(req)}/api/v1/`;
  return Object.fromEntries(V1_ENDPOINTS.map((name) => [name, `${base}${name}`]));
}

export function rootIndex(req: Request) {
  const origin = requestOrigin(req);
  return { v1: `${origin}/api/v1/`, graphql: `${origin}/api/graphql` };
}
