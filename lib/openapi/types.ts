// The parts of OpenAPI 3.1 that Beacon's document uses, typed for the generator and the reference page.

/** A JSON Schema (draft 2020-12) as zod's toJSONSchema writes it. */
export type JsonSchema = { [keyword: string]: unknown };

export interface Reference {
  $ref: string;
}

export interface MediaType {
  schema: JsonSchema | Reference;
  examples?: Record<string, { summary?: string; value: unknown }>;
}

export interface HeaderObject {
  description: string;
  schema: JsonSchema;
}

export interface ResponseObject {
  description: string;
  /** On the shared error responses of `components.responses`: the status they are used for. */
  "x-status"?: number;
  headers?: Record<string, HeaderObject | Reference>;
  content?: Record<string, MediaType>;
}

export interface ParameterObject {
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export type SecurityRequirement = Record<string, string[]>;

/** How a caller may reach an operation: no credentials, the public API role, or signed in only. */
export type Access = "anonymous" | "public-role" | "signed-in";

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: (ParameterObject | Reference)[];
  requestBody?: { required: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject | Reference>;
  security: SecurityRequirement[];
  "x-permission"?: string;
  "x-access": Access;
  "x-read-only-token"?: boolean;
}

export type PathItem = { parameters?: ParameterObject[] } & Partial<Record<"get" | "put" | "post" | "delete" | "options" | "patch", OperationObject>>;

export interface SecurityScheme {
  type: "apiKey" | "http";
  description: string;
  name?: string;
  in?: "header" | "cookie" | "query";
  scheme?: string;
  "x-example-header"?: string;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string; license?: { name: string; identifier: string } };
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ResponseObject>;
    parameters: Record<string, ParameterObject>;
    headers: Record<string, HeaderObject>;
    securitySchemes: Record<string, SecurityScheme>;
  };
}
