// The registry of declared operations (lib/routes) is what the route files serve, and its OpenAPI document
// is a well-formed OpenAPI 3.1 document whose every $ref resolves and every schema compiles (draft 2020-12).
//
// Which methods a route serves is asked of the route itself: a CORS preflight is answered by the
// wrapper before any authentication or database access, with the methods it has operations for.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { SECURITY_SCHEMES, TAGS } from "../lib/openapi/index.ts";
import { OPERATIONS, openApiDocument } from "../lib/routes/index.ts";
import { V1_ENDPOINTS } from "../lib/api/index-doc.ts";
import type { OperationObject, ResponseObject } from "../lib/openapi/types.ts";
import { OpenApiValidator, resolveRef } from "./helpers/openapi.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const API_DIR = path.join(ROOT, "app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

interface RouteFile {
  file: string;
  template: string;
}

/** app/api/route.ts and every route file under app/api/v1, app/api/v2 and app/api/graphql, except the catch-all 404s. */
function routeFiles(): RouteFile[] {
  const out: RouteFile[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (segments.length === 0 && !["v1", "v2", "graphql"].includes(entry.name)) continue; // /api/auth (next-auth), …
        walk(path.join(dir, entry.name), [...segments, entry.name]);
      } else if (entry.name === "route.ts" && !segments.some((s) => s.startsWith("[..."))) {
        const template = segments.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/");
        const index = segments.length === 0 || (segments.length === 1 && segments[0] === "v1");
        out.push({ file: path.join(dir, entry.name), template: index ? `/api/${template ? `${template}/` : ""}` : `/api/${template}` });
      }
    }
  };
  walk(API_DIR, []);
  return out.sort((a, b) => a.template.localeCompare(b.template));
}

/** The methods a route has operations for, from the wrapper's answer to a CORS preflight. */
async function servedMethods(route: RouteFile): Promise<string[]> {
  const mod = (await import(route.file)) as Record<string, (req: Request, ctx: unknown) => Promise<Response>>;
  assert.equal(typeof mod.OPTIONS, "function", `${route.file} exports no OPTIONS: every route goes through route()`);
  const url = `http://beacon.test${route.template.replace(/\{[^}]+\}/g, "1")}`;
  const res = await mod.OPTIONS(
    new Request(url, { method: "OPTIONS", headers: { host: "beacon.test", origin: "https://client.example", "access-control-request-method": "GET" } }),
    { params: Promise.resolve({}) },
  );
  const allow = res.headers.get("access-control-allow-methods");
  assert.ok(allow, `${route.file} answered a preflight without Access-Control-Allow-Methods: is it built with route()?`);
  return allow
    .split(",")
    .map((m) => m.trim())
    .filter((m) => (METHODS as readonly string[]).includes(m));
}

describe("the route files serve exactly the registry's operations", () => {
  const routes = routeFiles();
  const served = new Map<string, string[]>();

  before(async () => {
    process.env.BEACON_CORS_ORIGINS = "*";
    for (const route of routes) served.set(route.template, await servedMethods(route));
  });

  test("the route files are found (sanity check of this test)", () => {
    const templates = routes.map((r) => r.template);
    for (const expected of ["/api/", "/api/v1/", "/api/v1/components", "/api/v1/components/{id}", "/api/v1/openapi.json", "/api/v1/tokens/{id}/refresh", "/api/graphql"]) {
      assert.ok(templates.includes(expected), `route ${expected} not found among ${templates.join(", ")}`);
    }
    assert.ok(OPERATIONS.length >= 60, `only ${OPERATIONS.length} operations declared`);
  });

  test("every declared path has a route file, and every route file a declared path", () => {
    const declared = [...new Set(OPERATIONS.map((op) => op.path))].sort();
    assert.deepEqual(routes.map((r) => r.template).sort(), declared);
  });

  test("each route file serves the methods declared for its path, in the declared order", () => {
    for (const [template, methods] of served) {
      assert.deepEqual(methods, OPERATIONS.filter((op) => op.path === template).map((op) => op.method), template);
    }
  });

  test("every v1 endpoint the index lists has a path in the document", () => {
    const paths = Object.keys(openApiDocument().paths);
    for (const name of V1_ENDPOINTS) assert.ok(paths.includes(`/api/v1/${name}`), `/api/v1/${name} is in the v1 index but not in the document`);
  });
});

describe("OpenAPI document structure", () => {
  const doc = openApiDocument();

  test("is OpenAPI 3.1.0 with info, servers, tags and the credential forms of API.md §2", () => {
    assert.equal(doc.openapi, "3.1.0");
    assert.equal(doc.info.title, "Beacon API");
    assert.ok(doc.info.version);
    assert.deepEqual(doc.servers, [{ url: "/" }]);
    assert.ok(openApiDocument() === doc, "memoised");
    const schemes = doc.components.securitySchemes;
    assert.deepEqual(schemes, SECURITY_SCHEMES);
    const forms = Object.values(schemes).map((s) => (s.type === "http" ? `http ${s.scheme}` : `${s.in} ${s.name}`));
    for (const form of ["header Authorization", "http bearer", "header X-Api-Key", "header X-Cachet-Token", "header api-key", "http basic", "cookie next-auth.session-token"]) {
      assert.ok(forms.includes(form), `no security scheme for ${form}`);
    }
    const tagNames = doc.tags.map((t) => t.name);
    for (const name of tagNames) assert.ok(name in TAGS);
  });

  test("every $ref resolves", () => {
    const broken: string[] = [];
    let count = 0;
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${at}/${i}`));
      if (node === null || typeof node !== "object") return;
      for (const [k, v] of Object.entries(node)) {
        if (k === "$ref" && typeof v === "string") {
          count++;
          if (resolveRef(doc, v) === undefined) broken.push(`${at}: ${v}`);
        } else walk(v, `${at}/${k}`);
      }
    };
    walk(doc, "#");
    assert.ok(count > 100, `only ${count} $refs`);
    assert.deepEqual(broken, []);
  });

  test("operations: unique ids, known tags, path parameters declared, security and responses present", () => {
    const ids = new Set<string>();
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const [template, item] of Object.entries(doc.paths)) {
      assert.ok(template.startsWith("/api/"), template);
      const params = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      assert.deepEqual((item.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name), params, `path parameters of ${template}`);
      assert.ok(item.options, `${template} documents OPTIONS`);
      for (const method of ["get", "put", "post", "delete", "options", "patch"] as const) {
        const op = item[method] as OperationObject | undefined;
        if (!op) continue;
        const where = `${method.toUpperCase()} ${template}`;
        assert.ok(!ids.has(op.operationId), `duplicate operationId ${op.operationId}`);
        ids.add(op.operationId);
        assert.ok(op.summary, `${where} has a summary`);
        for (const tag of op.tags) assert.ok(tags.has(tag), `${where}: tag ${tag} is not declared`);
        assert.ok(op.security.length > 0, `${where} has security`);
        for (const requirement of op.security) for (const scheme of Object.keys(requirement)) assert.ok(scheme in doc.components.securitySchemes, `${where}: ${scheme}`);
        const statuses = Object.keys(op.responses).map(Number);
        assert.ok(statuses.some((s) => s >= 200 && s < 300), `${where} documents a success`);
        for (const status of [400, 401, 429, 503]) assert.ok(statuses.includes(status), `${where} documents ${status}`);
        for (const [status, response] of Object.entries(op.responses)) {
          const resolved = ("$ref" in response ? resolveRef(doc, response.$ref) : response) as ResponseObject;
          if (status === "204" || status === "304") assert.equal(resolved.content, undefined, `${where}: ${status} has no body`);
          else assert.ok(resolved.content?.["application/json"]?.schema, `${where}: ${status} has a JSON schema`);
        }
        if (op["x-access"] === "anonymous") assert.ok(op.security.some((r) => Object.keys(r).length === 0), `${where} is open to anonymous callers`);
        if (op["x-access"] === "signed-in") assert.ok(op.security.every((r) => Object.keys(r).length > 0), `${where} needs credentials`);
      }
    }
  });

  test("list operations answer the NetBox envelope and take limit and offset", () => {
    for (const op of OPERATIONS.filter((o) => o.paginated)) {
      const documented = doc.paths[op.path][op.method.toLowerCase() as "get"]!;
      const names = (documented.parameters ?? []).map((p) => ("$ref" in p ? p.$ref : p.name));
      assert.ok(names.includes("#/components/parameters/limit") && names.includes("#/components/parameters/offset"), `${op.operationId} takes limit and offset`);
      const ref = (documented.responses["200"] as ResponseObject).content!["application/json"].schema as { $ref: string };
      const envelope = resolveRef(doc, ref.$ref) as { required: string[]; properties: { results: { items: { $ref: string } } } };
      assert.deepEqual(envelope.required, ["count", "next", "previous", "results"], op.operationId);
      assert.ok(resolveRef(doc, envelope.properties.results.items.$ref), `${op.operationId}: results are a named schema`);
    }
  });

  test("query parameters are strings on the wire", () => {
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item).filter((v): v is OperationObject => !!v && typeof v === "object" && "operationId" in v)) {
        for (const p of op.parameters ?? []) {
          const param = "$ref" in p ? (resolveRef(doc, p.$ref) as { in: string; schema: { type?: string } }) : p;
          if (param.in === "query") assert.equal(param.schema.type, "string", `${op.operationId}: ${"name" in param ? param.name : ""}`);
        }
      }
    }
  });

  test("shared error responses: the error schema, Retry-After on 429 and 503, WWW-Authenticate on 401, Allow on 405", () => {
    const shared = doc.components.responses;
    for (const name of ["BadRequest", "Unauthorized", "Forbidden", "NotFound", "MethodNotAllowed", "Conflict", "PayloadTooLarge", "UnsupportedMediaType", "TooManyRequests", "ServiceUnavailable"]) {
      assert.deepEqual(shared[name]?.content?.["application/json"]?.schema, { $ref: "#/components/schemas/Error" }, name);
    }
    assert.ok(shared.TooManyRequests.headers?.["Retry-After"]);
    assert.ok(shared.ServiceUnavailable.headers?.["Retry-After"]);
    assert.ok(shared.Unauthorized.headers?.["WWW-Authenticate"]);
    assert.ok(shared.MethodNotAllowed.headers?.Allow);
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item).filter((v): v is OperationObject => !!v && typeof v === "object" && "operationId" in v)) {
        for (const [status, response] of Object.entries(op.responses)) {
          if ("$ref" in response) assert.equal((resolveRef(doc, response.$ref) as ResponseObject)["x-status"], Number(status), `${op.operationId} ${status}: ${response.$ref}`);
        }
      }
    }
    const error = doc.components.schemas.Error as { required: string[]; properties: Record<string, unknown> };
    assert.deepEqual(error.required, ["detail"]);
    assert.deepEqual(Object.keys(error.properties).sort(), ["detail", "errors"]);
  });

  test("every schema compiles as JSON Schema 2020-12, and the examples match them", () => {
    const validator = new OpenApiValidator(doc);
    for (const name of Object.keys(doc.components.schemas)) validator.validatorAt(`#/components/schemas/${name}`);
    const errorSchema = validator.validatorAt("#/components/schemas/Error");
    for (const [name, response] of Object.entries(doc.components.responses)) {
      for (const [example, { value }] of Object.entries(response.content?.["application/json"]?.examples ?? {})) {
        assert.ok(errorSchema(value), `${name}.${example}: ${JSON.stringify(errorSchema.errors)}`);
      }
    }
  });

  test("the document validates against its own OpenApiDocument schema, and serialises to JSON losslessly", () => {
    const validator = new OpenApiValidator(doc);
    const text = JSON.stringify(doc);
    assert.deepEqual(JSON.parse(text), doc);
    validator.check({ method: "GET", pathname: "/api/v1/openapi.json", status: 200, contentType: "application/json", text });
  });
});
