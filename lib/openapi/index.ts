export { openApiDocument, SECURITY_SCHEMES } from "./document.ts";
export { OPERATIONS, TAGS, type OperationSpec, type HttpMethod } from "./operations.ts";
export type * from "./types.ts";
