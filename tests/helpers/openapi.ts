// Holds responses against the OpenAPI document (lib/openapi): the integration harness validates every
// JSON response it sees with this, and the coverage test compiles every schema of the document with it.
import { createRequire } from "node:module";
import type { AnySchema, ErrorObject, ValidateFunction } from "ajv";
import { matchTemplate } from "../../lib/api/operation.ts";
import type { OpenApiDocument, OperationObject, ResponseObject } from "../../lib/openapi/index.ts";
import { openApiDocument } from "../../lib/routes/index.ts";

const require = createRequire(import.meta.url);
// ajv is CommonJS; its draft 2020-12 build is the default export of ajv/dist/2020.
const Ajv2020 = require("ajv/dist/2020") as typeof import("ajv/dist/2020").default;

const DOCUMENT_ID = "https://beacon.invalid/openapi.json";
const JSON_TYPE = "application/json";
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export type OpenApiMethod = "get" | "put" | "post" | "delete" | "options" | "patch";

/** A JSON pointer (as a URI fragment) to `tokens` inside the document. */
function pointer(tokens: string[]): string {
  return "#" + tokens.map((t) => "/" + encodeURIComponent(t.replace(/~/g, "~0").replace(/\//g, "~1"))).join("");
}

function refTokens(ref: string): string[] {
  if (!ref.startsWith("#/")) throw new Error(`OpenAPI: only local references are supported, not ${ref}`);
  return ref.slice(2).split("/").map((t) => decodeURIComponent(t).replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The value at a local `$ref` of the document, or undefined when it does not resolve. */
export function resolveRef(doc: unknown, ref: string): unknown {
  let node: unknown = doc;
  for (const token of refTokens(ref)) {
    if (node === null || typeof node !== "object" || !(token in node)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

export function createAjv() {
  const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true });
  // The document's own top-level fields are not JSON Schema keywords; $refs point inside them.
  for (const keyword of ["openapi", "info", "servers", "tags", "paths", "components", "security", "webhooks", "externalDocs", "jsonSchemaDialect"]) {
    ajv.addKeyword({ keyword });
  }
  ajv.addFormat("date-time", (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)));
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  ajv.addFormat("email", (s: string) => /^[^\s@]+@[^\s@]+$/.test(s));
  return ajv;
}

export interface ResponseToCheck {
  method: string;
  pathname: string;
  status: number;
  contentType: string | null;
  text: string;
}

export class OpenApiValidator {
  readonly doc: OpenApiDocument;
  private readonly ajv = createAjv();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument = openApiDocument()) {
    this.doc = doc;
    this.ajv.addSchema(doc as unknown as AnySchema, DOCUMENT_ID);
  }

  /** The compiled validator of the schema at a pointer (`#/components/schemas/Token`, …). */
  validatorAt(fragment: string): ValidateFunction {
    let validate = this.compiled.get(fragment);
    if (!validate) {
      validate = this.ajv.compile({ $ref: DOCUMENT_ID + fragment });
      this.compiled.set(fragment, validate);
    }
    return validate;
  }

  operation(method: string, pathname: string): { template: string | null; operation: OperationObject | undefined } {
    // The registry's own matcher, over the document's paths (the registry's paths).
    const template = matchTemplate(pathname, Object.keys(this.doc.paths))?.template ?? null;
    const operation = template ? this.doc.paths[template][method.toLowerCase() as OpenApiMethod] : undefined;
    return { template, operation };
  }

  /**
   * Where the documented response of this operation and status lives: its object and the pointer to it.
   * Error statuses nobody documented for the operation fall back to the shared error schema.
   */
  private documentedResponse(template: string, method: string, operation: OperationObject | undefined, status: number) {
    const documented = operation?.responses[String(status)];
    if (documented) {
      let tokens = ["paths", template, method, "responses", String(status)];
      let response = documented as ResponseObject | { $ref: string };
      if ("$ref" in response) {
        tokens = refTokens(response.$ref);
        response = resolveRef(this.doc, response.$ref) as ResponseObject;
      }
      return { response: response as ResponseObject, tokens };
    }
    return null;
  }

  /** Throws an Error naming the method, path, status and what is wrong, when the response disagrees with the document. */
  check({ method, pathname, status, contentType, text }: ResponseToCheck): void {
    const where = `${method.toUpperCase()} ${pathname} → ${status}`;
    const fail = (why: string): never => {
      throw new Error(`OpenAPI mismatch: ${where}: ${why}\nbody: ${text.length > 2000 ? `${text.slice(0, 2000)}…` : text}`);
    };
    // The browsable API (API.md §5) shows the JSON in its HTML page: that JSON is held to the document.
    if ((contentType ?? "").toLowerCase().startsWith("text/html")) {
      const shown = jsonShownIn(text);
      if (shown === undefined && text !== "") fail("an HTML page without the JSON response (#response-body, or the \"No content.\" note)");
      return this.check({ method, pathname, status, contentType: shown === undefined ? null : JSON_TYPE, text: shown ?? "" });
    }
    if (status === 204 || method.toUpperCase() === "HEAD") {
      if (text !== "") fail(`a ${status === 204 ? "204" : "HEAD"} response must have no body`);
      if (status === 204 && method.toUpperCase() === "OPTIONS") return; // a CORS preflight
      if (method.toUpperCase() === "HEAD") return;
    }
    const lower = method.toLowerCase();
    const { template, operation } = this.operation(method, pathname);
    if (status < 400 && !operation) fail(template ? `the document has no ${method.toUpperCase()} on ${template}` : "no path of the document matches");

    const found = template ? this.documentedResponse(template, lower, operation, status) : null;
    let tokens: string[];
    let schemaName: string;
    if (found) {
      const content = found.response.content?.[JSON_TYPE];
      if (!content) {
        if (text !== "") fail("the document says this response has no body");
        return;
      }
      tokens = [...found.tokens, "content", JSON_TYPE, "schema"];
      schemaName = "$ref" in content.schema ? String(content.schema.$ref) : pointer(tokens);
    } else if (status >= 400) {
      tokens = ["components", "schemas", "Error"];
      schemaName = `${pointer(tokens)} (the shared error schema)`;
    } else {
      return fail(`status ${status} is not documented for ${lower.toUpperCase()} ${template}`);
    }

    if (!(contentType ?? "").toLowerCase().startsWith(JSON_TYPE)) fail(`Content-Type is ${contentType ?? "missing"}, not ${JSON_TYPE}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return fail("the body is not JSON");
    }
    const validate = this.validatorAt(pointer(tokens));
    if (!validate(body)) fail(`the body does not match ${schemaName}:\n${formatErrors(validate.errors ?? [])}`);
  }
}

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" };

/**
 * The JSON a browsable page shows (its `#response-body`, tags stripped, entities decoded), "" when it
 * says there is no content, undefined when it shows neither.
 */
export function jsonShownIn(html: string): string | undefined {
  const m = /<pre class="json" id="response-body">([\s\S]*?)<\/pre>/.exec(html);
  if (!m) return html.includes('<p class="note">No content.</p>') ? "" : undefined;
  return m[1].replace(/<[^>]*>/g, "").replace(/&(lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e]);
}

function formatErrors(errors: ErrorObject[]): string {
  return errors
    .slice(0, 20)
    .map((e) => `  ${e.instancePath || "(root)"} ${e.message ?? e.keyword}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ""} [${decodeURIComponent(e.schemaPath.replace(DOCUMENT_ID, ""))}]`)
    .join("\n");
}

let shared: OpenApiValidator | null = null;

/** One validator per test process (compiling the document's schemas takes a moment). */
export function openApiValidator(): OpenApiValidator {
  shared ??= new OpenApiValidator();
  return shared;
}
