// Renders the OpenAPI document as a plain HTML reference: no scripts, nothing fetched, works offline.
import type { ReactNode } from "react";
import { DocsFilter } from "./docs-filter";
import { marked } from "marked";
import type {
  Access,
  JsonSchema,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  Reference,
  ResponseObject,
  SecurityScheme,
} from "@/lib/openapi";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
type Method = (typeof METHODS)[number];

const METHOD_STYLE: Record<Method, string> = {
  get: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  post: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  put: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  patch: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200",
  delete: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
};

const ACCESS_LABEL: Record<Access, { label: string; style: string }> = {
  anonymous: { label: "No credentials needed", style: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800" },
  "public-role": { label: "Anonymous via the public API role", style: "bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800" },
  "signed-in": { label: "Credentials required", style: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600" },
};

const SAFE_INTEGER_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]);

interface Op {
  path: string;
  method: Method;
  op: OperationObject;
  pathParameters: ParameterObject[];
}

const MARKDOWN_STYLE =
  "text-sm leading-6 text-slate-700 dark:text-slate-300 [&_p]:mb-2 [&_ul]:mb-2 [&_li]:ml-5 [&_li]:list-disc [&_strong]:font-semibold [&_code]:rounded [&_code]:bg-slate-100 dark:[&_code]:bg-slate-800 [&_code]:px-1 [&_code]:font-mono [&_code]:text-xs";

function Markdown({ text, className = "" }: { text: string; className?: string }) {
  // Our own text (the generated document), never user content.
  const html = marked.parse(text, { async: false, gfm: true });
  return <div className={`${MARKDOWN_STYLE} ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}

function InlineMarkdown({ text }: { text: string }) {
  return <span dangerouslySetInnerHTML={{ __html: marked.parseInline(text, { async: false }) }} />;
}

function isRef(value: unknown): value is Reference {
  return !!value && typeof value === "object" && "$ref" in value;
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

function resolve<T>(doc: OpenApiDocument, value: T | Reference): T {
  if (!isRef(value)) return value;
  let node: unknown = doc;
  for (const token of value.$ref.slice(2).split("/")) node = (node as Record<string, unknown>)[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  return node as T;
}

function schemaAnchor(name: string): string {
  return `schema-${name}`;
}

/** A short, readable type: `string (date-time) | null`, `array of Component`, … */
function TypeLabel({ schema }: { schema: JsonSchema }): ReactNode {
  if (typeof schema.$ref === "string") {
    const name = refName(schema.$ref);
    return <a href={`#${schemaAnchor(name)}`}>{name}</a>;
  }
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) {
    return union.map((s, i) => (
      <span key={i}>
        {i > 0 ? " | " : ""}
        <TypeLabel schema={s} />
      </span>
    ));
  }
  if ("const" in schema) return <code>{JSON.stringify(schema.const)}</code>;
  const type = schema.type;
  if (Array.isArray(type)) return type.join(" | ");
  if (type === "array") {
    return (
      <>
        array of <TypeLabel schema={(schema.items as JsonSchema) ?? {}} />
      </>
    );
  }
  if (type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object" && !schema.properties) {
    const values = schema.additionalProperties as JsonSchema;
    return Object.keys(values).length ? (
      <>
        map of string → <TypeLabel schema={values} />
      </>
    ) : (
      "object"
    );
  }
  if (typeof type === "string") return typeof schema.format === "string" ? `${type} (${schema.format})` : type;
  return "any";
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** Limits worth telling a caller: lengths, ranges, patterns, allowed values. */
function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return union.flatMap(constraints);
  if (Array.isArray(schema.enum)) out.push(`one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (typeof schema.minLength === "number" && schema.minLength > 0) out.push(`at least ${count(schema.minLength, "character")}`);
  if (typeof schema.maxLength === "number") out.push(`at most ${count(schema.maxLength, "character")}`);
  if (typeof schema.minimum === "number" && !SAFE_INTEGER_BOUNDS.has(schema.minimum)) out.push(`≥ ${schema.minimum}`);
  if (typeof schema.exclusiveMinimum === "number") out.push(`> ${schema.exclusiveMinimum}`);
  if (typeof schema.maximum === "number" && !SAFE_INTEGER_BOUNDS.has(schema.maximum)) out.push(`≤ ${schema.maximum}`);
  if (typeof schema.minItems === "number" && schema.minItems > 0) out.push(`at least ${count(schema.minItems, "item")}`);
  if (typeof schema.maxItems === "number") out.push(`at most ${count(schema.maxItems, "item")}`);
  if (typeof schema.pattern === "string" && schema.format !== "date-time") out.push(`matches ${schema.pattern}`);
  if (schema.type === "array" && schema.items && typeof schema.items === "object") {
    const inner = constraints(schema.items as JsonSchema);
    if (inner.length) out.push(`each: ${inner.join(", ")}`);
  }
  return out;
}

/** A field's description, then its limits. */
function Notes({ description, schema }: { description: unknown; schema: JsonSchema }) {
  const limits = constraints(schema);
  return (
    <>
      {typeof description === "string" ? <InlineMarkdown text={description} /> : null}
      {limits.length ? <span className="block text-xs text-slate-600 dark:text-slate-400">{limits.join(" · ")}</span> : null}
    </>
  );
}

interface FieldRow {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

/** The fields of an object schema, nested objects (and arrays of them) flattened as `a.b` and `a[].b`. */
function fieldRows(schema: JsonSchema, prefix = ""): FieldRow[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows: FieldRow[] = [];
  for (const [name, field] of Object.entries(properties)) {
    const full = `${prefix}${name}`;
    const nullable = ((field.anyOf as JsonSchema[] | undefined) ?? []).find((s) => s.type === "object" && s.properties);
    const object = field.type === "object" && field.properties ? field : nullable;
    const items = field.type === "array" ? (field.items as JsonSchema | undefined) : undefined;
    if (object) {
      rows.push({ name: full, schema: nullable ? { type: ["object", "null"] } : { type: "object" }, required: required.has(name) });
      rows.push(...fieldRows(object, `${full}.`));
    } else if (items?.type === "object" && items.properties) {
      rows.push({ name: full, schema: { type: "array", items: { type: "object" } }, required: required.has(name) });
      rows.push(...fieldRows(items, `${full}[].`));
    } else {
      rows.push({ name: full, schema: field, required: required.has(name) });
    }
  }
  return rows;
}

/** A table that may be wider than the screen: focusable, so that a keyboard can scroll it. */
function ScrollX({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div tabIndex={0} role="region" aria-label={label} className={`overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700 dark:focus-visible:outline-sky-300 ${className ?? ""}`}>
      {children}
    </div>
  );
}

function FieldTable({ schema }: { schema: JsonSchema }) {
  const rows = fieldRows(schema);
  if (rows.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No fields.</p>;
  return (
    <ScrollX label="Fields">
      <table>
        <thead>
          <tr>
            <th>Field</th>
            <th>Type</th>
            <th>Required</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <td>{row.name}</td>
              <td>
                <TypeLabel schema={row.schema} />
              </td>
              <td>{row.required ? "yes" : ""}</td>
              <td>
                <Notes description={row.schema.description} schema={row.schema} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}

function ParameterTable({ doc, parameters }: { doc: OpenApiDocument; parameters: (ParameterObject | Reference)[] }) {
  return (
    <ScrollX label="Parameters">
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>In</th>
            <th>Type</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {parameters.map((p) => {
            const param = resolve(doc, p);
            return (
              <tr key={`${param.in}-${param.name}`}>
                <td>
                  {param.name}
                  {param.required ? " (required)" : ""}
                </td>
                <td>{param.in}</td>
                <td>
                  <TypeLabel schema={param.schema} />
                </td>
                <td>
                  <Notes description={param.description} schema={param.schema} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollX>
  );
}

function MethodBadge({ method }: { method: Method }) {
  return <span className={`w-16 rounded px-2 py-0.5 text-center font-mono text-xs font-semibold uppercase ${METHOD_STYLE[method]}`}>{method}</span>;
}

function Section({ id, title, group = false, children }: { id: string; title: string; group?: boolean; children: ReactNode }) {
  return (
    <section id={id} data-op-group={group ? "" : undefined} data-hide-when-filtered={group ? undefined : ""} className="mb-12 scroll-mt-6">
      <h2 className="mb-4 border-b border-slate-200 dark:border-slate-700 pb-2 text-xl font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
      {children}
    </section>
  );
}

function Code({ children }: { children: string }) {
  // Focusable, so that a keyboard can scroll a block wider than the screen.
  return (
    <pre tabIndex={0} className="overflow-x-auto rounded-md bg-slate-900 dark:bg-black dark:ring-1 dark:ring-slate-700 px-4 py-3 font-mono text-xs leading-5 text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700 dark:focus-visible:outline-sky-300">
      {children}
    </pre>
  );
}

function curlFor(scheme: SecurityScheme, origin: string): string {
  const url = `${origin}/api/v1/user/self`;
  if (scheme.type === "http" && scheme.scheme === "basic") return `curl -u you@example.com:your-password ${url}`;
  if (scheme.in === "cookie") return `curl -b "${scheme.name}=<the cookie your browser got at /login>" ${url}`;
  return `curl -H "${scheme["x-example-header"] ?? `${scheme.name}: $BEACON_TOKEN`}" ${url}`;
}

function OperationCard({ doc, entry }: { doc: OpenApiDocument; entry: Op }) {
  const { op, method, path } = entry;
  const access = ACCESS_LABEL[op["x-access"]];
  const parameters = [...entry.pathParameters, ...(op.parameters ?? [])];
  const bodyRef = op.requestBody?.content["application/json"]?.schema;
  const body = bodyRef ? resolve<JsonSchema>(doc, bodyRef as JsonSchema | Reference) : null;
  const responses = Object.entries(op.responses);
  const errors = responses.filter(([status]) => Number(status) >= 400).map(([status]) => status);
  return (
    <article id={op.operationId} data-op-search={`${method} ${path} ${op.summary} ${op.tags.join(" ")} ${op["x-permission"] ?? ""}`.toLowerCase()} className="mb-6 scroll-mt-6 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5 shadow-sm">
      <header className="flex flex-wrap items-center gap-3">
        <MethodBadge method={method} />
        <code className="break-all text-sm font-semibold text-slate-900 dark:text-slate-100">{path}</code>
      </header>
      <h3 className="mt-2 font-medium text-slate-900 dark:text-slate-100">{op.summary}</h3>
      <p className="mt-2 flex flex-wrap gap-2 text-xs">
        <span className={`rounded-full px-2 py-0.5 ring-1 ${access.style}`}>{access.label}</span>
        {op["x-permission"] ? <span className="rounded-full px-2 py-0.5 ring-1 ring-slate-300 dark:ring-slate-600">permission <code>{op["x-permission"]}</code></span> : null}
        {op["x-read-only-token"] ? <span className="rounded-full px-2 py-0.5 ring-1 ring-slate-300 dark:ring-slate-600">read-only tokens allowed</span> : null}
      </p>
      {op.description ? <Markdown text={op.description} className="mt-3" /> : null}
      {parameters.length ? (
        <>
          <h4>Parameters</h4>
          <ParameterTable doc={doc} parameters={parameters} />
        </>
      ) : null}
      {body && bodyRef && isRef(bodyRef) ? (
        <>
          <h4>
            Request body <span className="font-normal text-slate-600 dark:text-slate-400">(JSON, {refName(bodyRef.$ref)}{op.requestBody?.required ? "" : ", optional"}{body.additionalProperties === false ? "; unknown fields are a 400" : ""})</span>
          </h4>
          <FieldTable schema={body} />
        </>
      ) : null}
      <h4>Responses</h4>
      <ul className="space-y-1 text-sm">
        {responses
          .filter(([status]) => Number(status) < 400)
          .map(([status, r]) => {
            const schema = resolve<ResponseObject>(doc, r).content?.["application/json"]?.schema;
            return (
              <li key={status}>
                <b className="font-mono text-emerald-800 dark:text-emerald-300">{status}</b> {schema ? <TypeLabel schema={schema as JsonSchema} /> : "no body"}
              </li>
            );
          })}
        <li className="flex flex-wrap gap-2">
          <span className="text-slate-600 dark:text-slate-400">Errors:</span>
          {errors.map((status) => (
            <a key={status} href={`#error-${status}`} className="font-mono">
              {status}
            </a>
          ))}
        </li>
      </ul>
    </article>
  );
}

// Tables, sub-headings and links inside the reference, styled once here instead of on every cell.
const CONTENT_STYLE = [
  "[&_table]:w-full [&_table]:text-left [&_table]:text-sm",
  "[&_th]:py-1 [&_th]:pr-4 [&_th]:text-xs [&_th]:font-medium [&_th]:uppercase [&_th]:tracking-wide [&_th]:text-slate-600 dark:[&_th]:text-slate-400",
  "[&_td]:border-t [&_td]:border-slate-100 dark:[&_td]:border-slate-800 [&_td]:py-1.5 [&_td]:pr-4 [&_td]:align-top [&_td]:text-slate-700 dark:[&_td]:text-slate-300",
  "[&_td:first-child]:font-mono [&_td:first-child]:text-xs [&_td:first-child]:text-slate-900 dark:[&_td:first-child]:text-slate-100",
  "[&_h4]:mb-1 [&_h4]:mt-4 [&_h4]:text-sm [&_h4]:font-semibold [&_h4]:text-slate-800 dark:[&_h4]:text-slate-200",
  "[&_code]:font-mono [&_a]:text-sky-800 [&_a]:underline [&_a]:decoration-sky-400 hover:[&_a]:decoration-sky-800 dark:[&_a]:text-sky-300 dark:[&_a]:decoration-sky-600 dark:hover:[&_a]:decoration-sky-300",
].join(" ");

export function ApiReference({ doc, origin }: { doc: OpenApiDocument; origin: string }) {
  const ops: Op[] = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]!, pathParameters: item.parameters ?? [] })),
  );
  const byTag = doc.tags.map((tag) => ({ ...tag, ops: ops.filter((o) => o.op.tags.includes(tag.name)) })).filter((t) => t.ops.length);
  const errorResponses = Object.values(doc.components.responses)
    .filter((r) => r["x-status"])
    .sort((a, b) => a["x-status"]! - b["x-status"]!);
  // Request bodies are shown with their operation; the schemas section describes what responses carry.
  const requestSchemas = new Set(ops.flatMap(({ op }) => {
    const schema = op.requestBody?.content["application/json"]?.schema;
    return schema && isRef(schema) ? [refName(schema.$ref)] : [];
  }));
  const responseSchemas = Object.keys(doc.components.schemas).filter((name) => !requestSchemas.has(name)).sort();
  const slug = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

  return (
    <div className="mx-auto flex max-w-7xl gap-10 px-4 py-10">
      <nav className="sticky top-6 hidden max-h-[calc(100vh-3rem)] w-64 shrink-0 self-start overflow-y-auto text-sm text-slate-600 dark:text-slate-400 lg:block [&_a:hover]:text-slate-950 dark:[&_a:hover]:text-white" aria-label="Contents">
        <a href="#main" className="mb-3 block font-semibold text-slate-900 dark:text-slate-100">{doc.info.title}</a>
        <ul className="mb-4 space-y-1">
          <li><a href="#authentication">Authentication</a></li>
          <li><a href="#errors">Errors</a></li>
        </ul>
        {byTag.map((tag) => (
          <div key={tag.name} data-op-group className="mb-3">
            <a href={`#${slug(tag.name)}`} className="font-medium text-slate-800 dark:text-slate-200">{tag.name}</a>
            <ul className="mt-1 space-y-0.5">
              {tag.ops.map(({ op, method }) => (
                <li key={op.operationId} data-nav-for={op.operationId}>
                  <a href={`#${op.operationId}`} className="flex gap-2">
                    <span className="w-12 shrink-0 font-mono text-[10px] font-semibold uppercase leading-5 text-slate-600 dark:text-slate-400">{method}</span>
                    <span className="truncate">{op.summary}</span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <a href="#schemas" className="font-medium text-slate-800 dark:text-slate-200">Schemas</a>
      </nav>

      <main id="main" tabIndex={-1} className={`min-w-0 flex-1 focus:outline-none ${CONTENT_STYLE}`}>
        <header className="mb-8">
          <p className="mb-2 flex flex-wrap gap-4 text-sm">
            <a href="/">Status page</a>
            <a href="/api/v1/openapi.json">OpenAPI document (JSON)</a>
            <a href="/api/v1/">API root</a>
          </p>
          <h1 className="text-3xl font-semibold text-slate-900 dark:text-slate-100">{doc.info.title} reference</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            OpenAPI {doc.openapi} · version {doc.info.version} · base URL <code>{origin}</code>
          </p>
          <Markdown text={doc.info.description} className="mt-4" />
        </header>
        <DocsFilter total={ops.length} />

        <Section id="authentication" title="Authentication">
          <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">
            Every endpoint accepts every form below. Create a token on your <a href="/profile">profile</a>, or trade your e-mail and password for one (or ask an admin, who can run <code>npm run beacon -- create-token EMAIL</code> on the server):
          </p>
          <Code>{`curl -H "Content-Type: application/json" \\\n  -d '{"email": "you@example.com", "password": "your-password", "description": "my script"}' \\\n  ${origin}/api/v1/auth/token`}</Code>
          <p className="mb-4 mt-3 text-sm text-slate-700 dark:text-slate-300">
            The answer&apos;s <code>key</code> is shown only once. Keep it in <code>BEACON_TOKEN</code> (<code>export BEACON_TOKEN=bcn_…</code>) and send it in any of these ways:
          </p>
          <div className="space-y-4">
            {Object.entries(doc.components.securitySchemes).map(([name, scheme]) => (
              <div key={name} className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4">
                <p className="mb-1 flex flex-wrap items-baseline gap-2">
                  <code className="text-sm font-semibold text-slate-900 dark:text-slate-100">{name}</code>
                  <span className="text-xs text-slate-600 dark:text-slate-400">{scheme.type === "http" ? `HTTP ${scheme.scheme}` : `${scheme.in}: ${scheme.name}`}</span>
                </p>
                <Markdown text={scheme.description} />
                <Code>{curlFor(scheme, origin)}</Code>
              </div>
            ))}
          </div>
        </Section>

        <Section id="errors" title="Errors">
          <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
            Every error body is <code>{'{"detail": "…"}'}</code>; validation errors and conflicts add <code>{'"errors": {"field": ["message"]}'}</code>.
          </p>
          <ScrollX label="Errors" className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-4 py-2">
            <table>
              <thead>
                <tr>
                  <th>Status</th>
                  <th>When</th>
                  <th>Example bodies</th>
                </tr>
              </thead>
              <tbody>
                {errorResponses.map((response) => (
                  <tr key={response["x-status"]} id={`error-${response["x-status"]}`} className="scroll-mt-6">
                    <td>
                      <b className="text-red-700 dark:text-red-300">{response["x-status"]}</b>
                      {response.headers ? <div className="text-slate-600 dark:text-slate-400">+ {Object.keys(response.headers).join(", ")}</div> : null}
                    </td>
                    <td>
                      <InlineMarkdown text={response.description} />
                    </td>
                    <td>
                      {Object.values(response.content?.["application/json"]?.examples ?? {}).map((example, i) => (
                        <div key={i} className="font-mono text-xs">{JSON.stringify(example.value)}</div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollX>
        </Section>

        {byTag.map((tag) => (
          <Section key={tag.name} id={slug(tag.name)} title={tag.name} group>
            <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{tag.description}</p>
            {tag.ops.map((entry) => (
              <OperationCard key={entry.op.operationId} doc={doc} entry={entry} />
            ))}
          </Section>
        ))}

        <p data-hide-when-filtered className="mb-12 text-sm text-slate-600 dark:text-slate-400">
          Every path also answers <code>OPTIONS</code> with <code>{'{"methods": [...]}'}</code> and an <code>Allow</code> header, and <code>HEAD</code> wherever it answers <code>GET</code>.
        </p>

        <Section id="schemas" title="Schemas">
          {responseSchemas.map((name) => (
            <div key={name} id={schemaAnchor(name)} className="mb-6 scroll-mt-6 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5">
              <h3 className="mb-2 font-mono text-sm font-semibold text-slate-900 dark:text-slate-100">{name}</h3>
              <FieldTable schema={doc.components.schemas[name]} />
            </div>
          ))}
        </Section>
      </main>
    </div>
  );
}
