// The OpenAPI 3.1 document of the REST API, generated from the operations table and the same zod
// schemas the handlers parse with (request bodies and filters as zod's "input", responses as "output").
import { z, type ZodType } from "zod";
import { ANONYMOUS_CEILING, type Permission } from "../auth/permissions.ts";
import { DETAIL } from "../errors.ts";
import { DEFAULT_LIMIT, MAX_LIMIT } from "../paging.ts";
import { queryBool } from "../validation/common.ts";
import { COMPONENT_STATUSES, componentStatus } from "../validation/components.ts";
import { INCIDENT_STATUSES, incidentStatus } from "../validation/incidents.ts";
import { OPERATIONS, TAGS, type NamedSchema, type OperationSpec } from "./operations.ts";
import { ErrorOut, MethodListOut } from "./schemas.ts";
import type {
  Access,
  JsonSchema,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  PathItem,
  ResponseObject,
  SecurityRequirement,
  SecurityScheme,
} from "./types.ts";

const JSON_TYPE = "application/json";
const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** API.md §2: every credential form, checked in one place (lib/auth). */
export const SECURITY_SCHEMES: Record<string, SecurityScheme> = {
  tokenAuth: {
    type: "apiKey",
    in: "header",
    name: "Authorization",
    description: "An API token as `Authorization: Token <key>` (NetBox, DRF). The scheme word is case-insensitive.",
    "x-example-header": "Authorization: Token $BEACON_TOKEN",
  },
  bearerAuth: {
    type: "http",
    scheme: "bearer",
    description: "An API token as `Authorization: Bearer <key>` (RFC 6750). The scheme word is case-insensitive.",
    "x-example-header": "Authorization: Bearer $BEACON_TOKEN",
  },
  apiKeyHeader: {
    type: "apiKey",
    in: "header",
    name: "X-Api-Key",
    description: "An API token in `X-Api-Key` (Cloudsmith).",
    "x-example-header": "X-Api-Key: $BEACON_TOKEN",
  },
  cachetToken: {
    type: "apiKey",
    in: "header",
    name: "X-Cachet-Token",
    description: "An API token in `X-Cachet-Token` (Cachet).",
    "x-example-header": "X-Cachet-Token: $BEACON_TOKEN",
  },
  cockpitApiKey: {
    type: "apiKey",
    in: "header",
    name: "api-key",
    description: "An API token in `api-key` (Cockpit).",
    "x-example-header": "api-key: $BEACON_TOKEN",
  },
  basicAuth: {
    type: "http",
    scheme: "basic",
    description:
      "A team member's e-mail and password (Cachet, Cloudsmith). Wrong passwords are throttled per account and IP. May be sent together with a token of the same user, whose limits then apply.",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description:
      "The browser's sign-in cookie (`__Secure-next-auth.session-token` over HTTPS). Same-origin only; POST, PUT, PATCH and DELETE must carry a same-origin `Origin` (or `Referer`). Header credentials win over it.",
  },
};

const INFO_DESCRIPTION = `Beacon's REST API: JSON in, JSON out, \`snake_case\` fields, ISO-8601 UTC timestamps.

- Every path is served with and without a trailing slash, without a redirect. \`HEAD\` works wherever \`GET\` does; \`OPTIONS\` answers the allowed methods.
- Lists are paginated NetBox-style: \`?limit=\` (default ${DEFAULT_LIMIT}; 0 or more than ${MAX_LIMIT} means ${MAX_LIMIT}) and \`?offset=\`, answering \`{count, next, previous, results}\`.
- Request bodies are JSON (\`application/json\` or any \`+json\` type); an empty body is \`{}\`; unknown fields are a 400.
- \`Accept: application/json; indent=4\` pretty-prints (0–8). A browser signed in at \`/login\` reaches the API with its session cookie; its writes need a same-origin \`Origin\` (CSRF).
- **Browsable API**: a request whose \`Accept\` prefers \`text/html\` (a browser), or any request with \`?format=api\`, gets the same response as an HTML page, with the same status and headers: the JSON pretty-printed with links, who is signed in, and forms for the methods that caller may use. \`?format=json\` always answers JSON. The schemas below describe the JSON.
- Credentials are always checked when sent, even on public reads: a bad one is a 401, never anonymous. Two different keys in one request are a 400. Tokens in the URL (\`?api_key=\`, \`?token=\`, \`?access_token=\`) are refused with a 400.
- Anonymous requests act as the **public API role** chosen in the settings, and never see subscribers, disabled components, hidden incidents or groups, or unpublished pages.
- Every error body is \`{"detail": "…"}\`, validation errors and conflicts add \`"errors": {"field": ["message"]}\`.`;

const PATH_PARAMETER_SCHEMA: JsonSchema = { type: "integer", minimum: 1, maximum: 2_147_483_647 };

const statusList = (statuses: Record<number, string>) =>
  Object.entries(statuses).map(([code, label]) => `${code} ${label.toLowerCase()}`).join(", ");

/** What a refinement or transform means, which JSON Schema cannot say by itself. */
const EXPLAINED = new Map<unknown, JsonSchema>([
  [componentStatus, { enum: Object.keys(COMPONENT_STATUSES).map(Number), description: `${statusList(COMPONENT_STATUSES)}.` }],
  [incidentStatus, { enum: Object.keys(INCIDENT_STATUSES).map(Number), description: `${statusList(INCIDENT_STATUSES)}.` }],
  [queryBool, { description: "true or false (1/0 and yes/no work too)." }],
]);

function explain({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const extra = EXPLAINED.get(zodSchema);
  if (extra) return void Object.assign(jsonSchema, extra);
  // A query filter piped into one of them (`queryInt.pipe(componentStatus)`): a string, same meaning.
  const def = (zodSchema as { _zod?: { def?: { type?: string; out?: unknown } } })._zod?.def;
  const piped = def?.type === "pipe" ? EXPLAINED.get(def.out) : undefined;
  if (piped?.description && jsonSchema.description === undefined) jsonSchema.description = piped.description;
}

/** Drops the keywords that only make sense at the root of a standalone JSON Schema. */
function embeddable(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** Converts named zod schemas into `components.schemas`, references between them as `$ref`s. */
function convertNamed(entries: NamedSchema[], io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  const byName = new Map<string, ZodType>();
  for (const { name, schema } of entries) {
    const known = byName.get(name);
    if (known === schema) continue;
    if (known) throw new Error(`OpenAPI: two different ${io} schemas are both named ${name}.`);
    const other = registry.get(schema);
    if (other) throw new Error(`OpenAPI: one ${io} schema is named both ${other.id} and ${name}.`);
    registry.add(schema, { id: name });
    byName.set(name, schema);
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: explain,
    uri: (id) => schemaRef(id).$ref,
  });
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, embeddable(schema as JsonSchema)]));
}

/** One query parameter per property of the filters schema; all of them are strings on the wire. */
function queryParameters(query: ZodType): ParameterObject[] {
  const json = z.toJSONSchema(query, { target: "draft-2020-12", io: "input", unrepresentable: "any", override: explain }) as JsonSchema;
  const required = new Set((json.required as string[] | undefined) ?? []);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name,
      in: "query" as const,
      required: required.has(name),
      ...(typeof description === "string" ? { description } : name === "ordering" ? { description: "Fields to sort by, comma-separated; `-` before a field sorts descending." } : {}),
      schema: rest,
    };
  });
}

function pathParameters(path: string): ParameterObject[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
    name,
    in: "path" as const,
    required: true,
    description: "A numeric id; any other value names no object (404).",
    schema: PATH_PARAMETER_SCHEMA,
  }));
}

function accessOf(op: Pick<OperationSpec, "noAuth" | "requireUser" | "permission">): Access {
  if (op.noAuth) return "anonymous";
  if (!op.requireUser && op.permission && ANONYMOUS_CEILING.has(op.permission)) return "public-role";
  return "signed-in";
}

/** Any credential form; the permission, if any, as the role the requirement names (allowed by OpenAPI 3.1). */
function security(access: Access, permission?: Permission): SecurityRequirement[] {
  const any = Object.keys(SECURITY_SCHEMES).map((name) => ({ [name]: permission ? [permission] : [] }));
  if (access === "anonymous") return [{}, ...any];
  if (access === "public-role") return [...any, {}];
  return any;
}

function accessSentence(op: OperationSpec, access: Access): string {
  const readOnly = op.allowReadOnlyToken ? " A read-only token may use it." : "";
  if (access === "anonymous") return `Needs no credentials (any that are sent are checked).${readOnly}`;
  const permission = op.permission ? `Needs the \`${op.permission}\` permission` : "Needs credentials";
  if (access === "public-role") return `${permission}; anonymous callers have it when the public API role grants it.${readOnly}`;
  return `${permission}${op.permission ? " and credentials (never anonymous)" : ""}.${readOnly}`;
}

const STATUS_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 204: "No content", 400: "Bad request" };

function successResponse(status: number, schema: NamedSchema | null): ResponseObject {
  const headers = { "Token-Expires": headerRef("TokenExpires") };
  if (!schema) return { description: STATUS_TEXT[status] ?? String(status), headers };
  return {
    description: `${STATUS_TEXT[status] ?? status}: ${schema.name}`,
    headers,
    content: { [JSON_TYPE]: { schema: schemaRef(schema.name) } },
  };
}

const ERROR_RESPONSES: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  413: "PayloadTooLarge",
  415: "UnsupportedMediaType",
  429: "TooManyRequests",
  503: "ServiceUnavailable",
};

/** The error statuses an operation can answer, by the checks the wrapper runs for it. */
function errorStatuses(op: Pick<OperationSpec, "path" | "method" | "noAuth">): number[] {
  const statuses = [400, 401, 403];
  if (op.path.includes("{")) statuses.push(404);
  const unsafe = op.method !== "get";
  if (unsafe && !op.noAuth) statuses.push(409);
  if (op.method === "post" || op.method === "put" || op.method === "patch") statuses.push(413, 415);
  statuses.push(429, 503);
  return statuses;
}

function errorBody(detail: string, errors?: Record<string, string[]>) {
  return { value: errors ? { detail, errors } : { detail } };
}

function errorResponse(
  status: number,
  description: string,
  examples: Record<string, { summary?: string; value: unknown }>,
  headers?: ResponseObject["headers"],
): ResponseObject {
  return { description, "x-status": status, ...(headers ? { headers } : {}), content: { [JSON_TYPE]: { schema: schemaRef("Error"), examples } } };
}

const SHARED_RESPONSES: Record<string, ResponseObject> = {
  BadRequest: errorResponse(
    400,
    "Validation failed (per-field messages in `errors`), the body is not JSON, a token was sent in the URL, or two different credentials were sent.",
    {
      validation: errorBody(DETAIL.validation, { name: ["This field is required."] }),
      jsonParse: errorBody(DETAIL.jsonParse),
      tokenInUrl: errorBody(DETAIL.tokenInUrl),
      conflictingCredentials: errorBody(DETAIL.conflictingCredentials),
    },
  ),
  Unauthorized: errorResponse(
    401,
    "No credentials where they are needed, or credentials that are wrong, expired, disabled or malformed.",
    {
      notProvided: errorBody(DETAIL.notProvided),
      invalidToken: errorBody(DETAIL.invalidToken),
      tokenExpired: errorBody(DETAIL.tokenExpired),
      badPassword: errorBody(DETAIL.badPassword),
    },
    { "WWW-Authenticate": headerRef("WWWAuthenticate") },
  ),
  Forbidden: errorResponse(
    403,
    "Authenticated, but not allowed: a missing permission, a read-only token on a write, a source IP outside the token's allowed networks, or a failed CSRF check.",
    {
      forbidden: errorBody(DETAIL.forbidden),
      readOnlyToken: errorBody(DETAIL.readOnlyToken),
      sourceIp: errorBody("Source IP 203.0.113.9 is not permitted to authenticate using this token."),
      csrf: errorBody(DETAIL.csrf),
    },
  ),
  NotFound: errorResponse(404, "No such object, or one the caller may not see.", { notFound: errorBody(DETAIL.notFound) }),
  MethodNotAllowed: errorResponse(
    405,
    "The path does not serve this method; `Allow` lists those it does.",
    { method: errorBody('Method "PUT" not allowed.') },
    { Allow: headerRef("Allow") },
  ),
  Conflict: errorResponse(409, "A unique field is already taken, or the object changed in a concurrent request.", {
    conflict: errorBody(DETAIL.conflict, { slug: ["A page with this slug already exists."] }),
  }),
  PayloadTooLarge: errorResponse(413, "The body exceeds 1 MiB.", { tooLarge: errorBody(DETAIL.tooLarge) }),
  UnsupportedMediaType: errorResponse(415, "A non-empty body that is not JSON.", { mediaType: errorBody('Unsupported media type "text/plain" in request.') }),
  TooManyRequests: errorResponse(
    429,
    "Too many failed sign-ins or invalid tokens from this client.",
    { throttled: errorBody("Request was throttled. Expected available in 42 seconds.") },
    { "Retry-After": headerRef("RetryAfter") },
  ),
  ServiceUnavailable: errorResponse(503, "The database is unavailable.", { unavailable: errorBody(DETAIL.unavailable) }, { "Retry-After": headerRef("RetryAfter") }),
};

function operationObject(op: OperationSpec, inputSchemas: Record<string, JsonSchema>): OperationObject {
  const access = accessOf(op);
  const parameters = [
    ...(op.paginated ? [{ $ref: "#/components/parameters/limit" }, { $ref: "#/components/parameters/offset" }] : []),
    ...(op.query ? queryParameters(op.query) : []),
  ];
  const responses: OperationObject["responses"] = {};
  for (const [status, schema] of Object.entries(op.responses)) responses[status] = successResponse(Number(status), schema);
  for (const status of errorStatuses(op)) responses[String(status)] ??= responseRef(ERROR_RESPONSES[status]);
  const bodySchema = op.body ? inputSchemas[op.body.name] : undefined;
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: [op.description, accessSentence(op, access)].filter(Boolean).join("\n\n"),
    tags: [op.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: Array.isArray(bodySchema?.required) && bodySchema.required.length > 0, content: { [JSON_TYPE]: { schema: schemaRef(op.body.name) } } } }
      : {}),
    responses,
    security: security(access, op.permission),
    ...(op.permission ? { "x-permission": op.permission } : {}),
    "x-access": access,
    ...(op.allowReadOnlyToken ? { "x-read-only-token": true } : {}),
  };
}

/** OPTIONS, which the wrapper answers on every path: the allowed methods, credentials checked if sent. */
function optionsOperation(path: string, tag: string): OperationObject {
  const id = path.replace(/\{([^}]+)\}/g, "by-$1").split(/[^A-Za-z0-9]+/).filter(Boolean).map((s) => s[0].toUpperCase() + s.slice(1)).join("");
  return {
    operationId: `options${id}`,
    summary: "Allowed methods",
    description: "The methods this path serves, in the body and the `Allow` header. A CORS preflight is answered without authentication.",
    tags: [tag],
    responses: {
      "200": {
        description: "OK: MethodList",
        headers: { Allow: headerRef("Allow") },
        content: { [JSON_TYPE]: { schema: schemaRef("MethodList") } },
      },
      ...Object.fromEntries([400, 401, 429, 503].map((s) => [String(s), responseRef(ERROR_RESPONSES[s])])),
    },
    security: security("anonymous"),
    "x-access": "anonymous",
  };
}

const SHARED_OUTPUT: NamedSchema[] = [
  { name: "Error", schema: ErrorOut },
  { name: "MethodList", schema: MethodListOut },
];

function buildDocument(): OpenApiDocument {
  const output = convertNamed(
    [
      ...SHARED_OUTPUT,
      ...OPERATIONS.flatMap((op) => Object.values(op.responses).flatMap((s) => (s ? [...(s.item ? [s.item] : []), s] : []))),
    ],
    "output",
  );
  const input = convertNamed(OPERATIONS.flatMap((op) => (op.body ? [op.body] : [])), "input");
  for (const name of Object.keys(input)) {
    if (name in output) throw new Error(`OpenAPI: ${name} names both a request and a response schema.`);
  }

  const paths: Record<string, PathItem> = {};
  for (const op of OPERATIONS) {
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`OpenAPI: ${op.method.toUpperCase()} ${op.path} is listed twice.`);
    const params = pathParameters(op.path);
    if (params.length) item.parameters = params;
    item[op.method] = operationObject(op, input);
  }
  for (const [path, item] of Object.entries(paths)) {
    const first = OPERATIONS.find((op) => op.path === path)!;
    item.options = optionsOperation(path, first.tag);
  }

  const usedTags = new Set(OPERATIONS.map((op) => op.tag));
  return {
    openapi: "3.1.0",
    info: {
      title: "Beacon API",
      version: "v1",
      description: INFO_DESCRIPTION,
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/" }],
    tags: Object.entries(TAGS)
      .filter(([name]) => usedTags.has(name as keyof typeof TAGS))
      .map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: { ...output, ...input },
      responses: SHARED_RESPONSES,
      parameters: {
        limit: {
          name: "limit",
          in: "query",
          required: false,
          description: `Page size: default ${DEFAULT_LIMIT}; 0 or more than ${MAX_LIMIT} means ${MAX_LIMIT}.`,
          schema: { type: "string", pattern: "^\\s*\\d*\\s*$" },
        },
        offset: {
          name: "offset",
          in: "query",
          required: false,
          description: "How many results to skip (default 0). Past the end, `results` is empty.",
          schema: { type: "string", pattern: "^\\s*\\d*\\s*$" },
        },
      },
      headers: {
        WWWAuthenticate: {
          description: '`Bearer realm="api"`, with `error="invalid_token"` when a token was presented. Never `Basic`.',
          schema: { type: "string" },
        },
        RetryAfter: { description: "Seconds to wait before trying again.", schema: { type: "string", pattern: "^\\d+$" } },
        Allow: { description: "The methods this path serves, comma-separated.", schema: { type: "string" } },
        TokenExpires: {
          description: "When the token that authenticated this request expires; sent when that is less than 7 days away.",
          schema: { type: "string", format: "date-time" },
        },
      },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

let cached: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document, built once per process. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildDocument();
  return cached;
}
