export { buildOpenApiDocument, SECURITY_SCHEMES } from "./document.ts";
export { TAGS, type Tag } from "./tags.ts";
export type * from "./types.ts";
