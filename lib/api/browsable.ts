// The browsable API (API.md §5, after DRF and NetBox): a response rendered as one self-contained HTML
// page for browsers, with the same status and headers as the JSON. Everything from the response is
// user data and is HTML-escaped; the only script is inline, allowed by a per-response CSP nonce.
import { STATUS_CODES } from "node:http";
import type { Principal } from "../auth/principal.ts";
import { requestOrigin } from "../net.ts";
import type { PageIntro } from "./respond.ts";

export type FormMethod = "POST" | "PUT" | "PATCH" | "DELETE";

/** A method of this endpoint that the principal may use, the body fields it accepts, and what its declaration says it does. */
export interface FormOffer {
  method: FormMethod;
  fields: string[];
  summary: string;
  description?: string;
}

export interface BrowsableInput {
  req: Request;
  status: number;
  /** The JSON body exactly as the JSON variant would carry it; null for none. */
  body: unknown;
  /** The response's final headers (the interesting ones are shown). */
  headers: Headers;
  principal: Principal | null;
  forms: FormOffer[];
  /** A list whose objects have a detail URL (`<path>/{id}`): their ids become links. */
  linksDetails: boolean;
  intro?: PageIntro;
  nonce: string;
}

export function browsableCsp(nonce: string): string {
  return `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const SHOWN_HEADERS = ["Allow", "Content-Type", "Location", "Retry-After", "Token-Expires", "Vary", "WWW-Authenticate"];

/** For a list whose objects have a detail URL: the link of an id. */
function detailLinker(pathname: string, linksDetails: boolean): ((id: number) => string) | null {
  if (!linksDetails) return null;
  const base = pathname.replace(/\/+$/, "");
  return (id) => `${base}/${id}`;
}

interface JsonContext {
  origin: string;
  idLink: ((id: number) => string) | null;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** An http(s) URL on Beacon's own origin: the only strings rendered as links. */
function ownUrl(value: string, origin: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    return new URL(value).origin === origin;
  } catch {
    return false;
  }
}

/** The value as `JSON.stringify(value, null, 2)` would write it, as highlighted, escaped HTML. */
function jsonHtml(value: unknown, depth: number, ctx: JsonContext, linkId = false): string {
  const pad = (d: number) => "  ".repeat(d);
  if (value === null) return '<span class="j-null">null</span>';
  if (typeof value === "boolean") return `<span class="j-bool">${value}</span>`;
  if (typeof value === "number") return `<span class="j-num">${JSON.stringify(value)}</span>`;
  if (typeof value === "string") {
    const text = escapeHtml(JSON.stringify(value));
    return ownUrl(value, ctx.origin) ? `<a class="j-str" href="${escapeHtml(value)}">${text}</a>` : `<span class="j-str">${text}</span>`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => pad(depth + 1) + jsonHtml(v, depth + 1, ctx)).join(",\n")}\n${pad(depth)}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  const lines = entries.map(([key, v]) => {
    const keyHtml = `<span class="j-key">${escapeHtml(JSON.stringify(key))}</span>`;
    let valueHtml: string;
    if (linkId && key === "id" && typeof v === "number" && ctx.idLink) {
      const href = ctx.idLink(v);
      valueHtml = `<a class="j-num" href="${escapeHtml(href)}" title="${escapeHtml(href)}">${v}</a>`;
    } else if (depth === 0 && key === "results" && Array.isArray(v) && v.length > 0) {
      // The objects of a list link to their own URL through their id.
      valueHtml = `[\n${v.map((item) => pad(2) + jsonHtml(item, 2, ctx, true)).join(",\n")}\n${pad(1)}]`;
    } else {
      valueHtml = jsonHtml(v, depth + 1, ctx);
    }
    return `${pad(depth + 1)}${keyHtml}: ${valueHtml}`;
  });
  return `{\n${lines.join(",\n")}\n${pad(depth)}}`;
}

function breadcrumbs(pathname: string): string {
  const segments = pathname.split("/").filter(Boolean);
  const crumbs = segments.map((segment, i) => {
    let label = segment;
    try {
      label = decodeURIComponent(segment);
    } catch {
      // a malformed escape: show it as sent
    }
    const href = `/${segments.slice(0, i + 1).join("/")}${i < 2 ? "/" : ""}`;
    return i === segments.length - 1 ? `<span aria-current="page">${escapeHtml(label)}</span>` : `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  });
  return `<nav class="crumbs" aria-label="Breadcrumbs">${crumbs.join('<span class="sep">/</span>')}</nav>`;
}

function whoIsSignedIn(principal: Principal | null, here: string): string {
  const signIn = `<a href="/login?callbackUrl=${escapeHtml(encodeURIComponent(here))}">Sign in</a>`;
  if (!principal?.user) {
    const note = principal?.loginRequired ? " (no public API role: every request needs credentials)" : principal ? " (anonymous: the public API role)" : "";
    return `<p class="who" data-testid="who">Not signed in${escapeHtml(note)} · ${signIn}</p>`;
  }
  const { user, token } = principal;
  const how =
    principal.method === "session"
      ? "browser session"
      : principal.method === "basic"
        ? "Basic e-mail and password"
        : token
          ? `token <code>${escapeHtml(token.display)}</code>${token.writeEnabled ? "" : " (read-only)"}`
          : escapeHtml(String(principal.method));
  const signOut = principal.method === "session" ? ' · <a href="/api/auth/signout">Sign out</a>' : "";
  return `<p class="who" data-testid="who">Signed in as <strong>${escapeHtml(user.email)}</strong> · role ${escapeHtml(user.role.name)} · by ${how}${signOut}</p>`;
}

/** The declarations' Markdown code spans (our own text, already escaped) as <code>. */
function codeSpans(escaped: string): string {
  return escaped.replace(/`([^`]+)`/g, "<code>$1</code>");
}

function introHtml(intro: PageIntro): string {
  const links = intro.links
    .map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>${l.note ? ` <span class="note">${escapeHtml(l.note)}</span>` : ""}</li>`)
    .join("");
  return `<section class="card intro"><h2>${escapeHtml(intro.title)}</h2><p>${escapeHtml(intro.text)}</p><ul>${links}</ul></section>`;
}

/** For PUT/PATCH on an object just read: the object, keeping only the fields the method accepts. */
function prefill(offer: FormOffer, input: BrowsableInput, method: string): string {
  const { body, status } = input;
  if ((offer.method !== "PUT" && offer.method !== "PATCH") || method !== "GET" || status !== 200 || !isPlainObject(body) || "results" in body) return "{}";
  const fields = offer.fields.length > 0 ? Object.entries(body).filter(([k]) => offer.fields.includes(k)) : Object.entries(body);
  return JSON.stringify(Object.fromEntries(fields), null, 2);
}

function formHtml(offer: FormOffer, input: BrowsableInput, method: string, path: string): string {
  const m = offer.method;
  const title = `<span class="summary">${escapeHtml(offer.summary)}</span>`;
  const description = offer.description ? `<p class="note">${codeSpans(escapeHtml(offer.description))}</p>` : "";
  if (m === "DELETE") {
    return `<form class="card op" data-method="DELETE" data-confirm="${escapeHtml(`DELETE ${path}?`)}" aria-label="DELETE ${escapeHtml(path)}">
<h3><span class="m m-delete">DELETE</span> ${title}</h3>${description}
<button type="submit" class="danger">Delete</button></form>`;
  }
  const text = prefill(offer, input, method);
  const rows = Math.min(20, Math.max(4, text.split("\n").length + 1));
  const id = `body-${m.toLowerCase()}`;
  const fields = offer.fields.length ? `<p class="note">Fields: ${offer.fields.map((f) => `<code>${escapeHtml(f)}</code>`).join(", ")}</p>` : "";
  return `<form class="card op" data-method="${m}" aria-label="${m} ${escapeHtml(path)}">
<h3><span class="m m-${m.toLowerCase()}">${m}</span> ${title}</h3>${description}
<label for="${id}">${m} body (JSON)</label>
<textarea id="${id}" name="body" rows="${rows}" spellcheck="false">${escapeHtml(text)}</textarea>${fields}
<button type="submit">Send ${m}</button></form>`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f8fafc;color:#0f172a}
a{color:#0369a1}
code,pre,textarea{font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
header.top{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between;padding:.75rem 1.5rem;background:#0f172a;color:#e2e8f0}
header.top a{color:#e2e8f0}
header.top .brand{font-weight:600;text-decoration:none}
header.top .links a{margin-left:1rem}
main{max-width:72rem;margin:0 auto;padding:1rem 1.5rem 3rem}
.who{margin:0 0 .75rem;color:#334155}
.crumbs{margin:.25rem 0 1rem;color:#64748b}
.crumbs .sep{margin:0 .4rem}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:1rem 1.25rem;margin:0 0 1rem}
h1{font-size:1.25rem;margin:0 0 .75rem;display:flex;gap:.6rem;align-items:center;flex-wrap:wrap;word-break:break-all}
h2{font-size:1.1rem;margin:0 0 .5rem}
h3{font-size:1rem;margin:0 0 .5rem;display:flex;gap:.6rem;align-items:center}
.intro ul{margin:.25rem 0 0;padding-left:1.25rem}
.note{color:#64748b;font-size:.9em;margin:.25rem 0}
.m{display:inline-block;min-width:4.2rem;text-align:center;border-radius:.3rem;padding:.05rem .45rem;font:600 12px/1.6 ui-monospace,monospace}
.m-get,.m-head,.m-options{background:#d1fae5;color:#065f46}.m-post{background:#e0f2fe;color:#075985}
.m-put{background:#fef3c7;color:#92400e}.m-patch{background:#ede9fe;color:#5b21b6}.m-delete{background:#fee2e2;color:#991b1b}
.status{display:inline-block;border-radius:.3rem;padding:.05rem .5rem;font-weight:600}
.s2{background:#d1fae5;color:#065f46}.s3{background:#e0f2fe;color:#075985}.s4{background:#fef3c7;color:#92400e}.s5{background:#fee2e2;color:#991b1b}
pre{margin:0;white-space:pre-wrap;word-break:break-word}
pre.headers{color:#475569;margin-bottom:.75rem}
pre.headers b{color:#0f172a}
pre.json{background:#f1f5f9;border-radius:.4rem;padding:.75rem 1rem;overflow-x:auto}
.j-key{color:#1e3a8a}.j-str{color:#166534}.j-num{color:#7c3aed}.j-bool,.j-null{color:#c2410c}
a.j-str,a.j-num{text-decoration:underline}
.ops{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr))}
.op label{display:block;font-size:.9em;color:#334155;margin:.25rem 0}
.op textarea{width:100%;padding:.5rem;border:1px solid #cbd5e1;border-radius:.4rem;background:#f8fafc}
.op button{margin-top:.5rem;padding:.4rem 1rem;border:0;border-radius:.4rem;background:#0f172a;color:#fff;font-weight:600;cursor:pointer}
.op button.danger{background:#b91c1c}
.op button:disabled{opacity:.5}
.notice{border-left:4px solid #0369a1}
`;

// Sends a form's method and JSON body to this very URL and shows the answer: the returned page
// replaces this one (DOMParser never runs its script; this one re-wires the new forms), and a
// bodiless answer (204) is reported in place. The browser adds Origin, which passes the CSRF check.
const SCRIPT = `
(() => {
  const REASONS = { 204: "No Content" };
  function notice(text) {
    const p = document.createElement("p");
    p.className = "card notice";
    p.setAttribute("role", "status");
    p.textContent = text;
    document.querySelector("main").prepend(p);
  }
  function wire() {
    for (const form of document.querySelectorAll("form[data-method]")) {
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const method = form.dataset.method;
        if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
        const button = form.querySelector("button");
        button.disabled = true;
        let res;
        try {
          res = await fetch(location.pathname + location.search, {
            method,
            headers: { "Content-Type": "application/json", "Accept": "text/html" },
            body: form.elements.body ? form.elements.body.value : undefined,
            credentials: "same-origin",
          });
        } catch (err) {
          button.disabled = false;
          notice(method + " failed: " + err.message);
          return;
        }
        if ((res.headers.get("content-type") || "").startsWith("text/html")) {
          const doc = new DOMParser().parseFromString(await res.text(), "text/html");
          document.title = doc.title;
          document.body.replaceWith(document.adoptNode(doc.body));
          wire();
          window.scrollTo(0, 0);
        } else {
          for (const el of document.querySelectorAll("#response, #forms")) el.remove();
          notice(method + " " + location.pathname + " → HTTP " + res.status + " " + (res.statusText || REASONS[res.status] || ""));
        }
      });
    }
  }
  wire();
})();
`;

/** The whole page for one response. */
export function renderBrowsablePage(input: BrowsableInput): string {
  const { req, status, headers, principal, forms, linksDetails, intro, nonce } = input;
  const url = new URL(req.url);
  const method = req.method === "HEAD" ? "GET" : req.method;
  const here = url.pathname + url.search;
  const reason = STATUS_CODES[status] ?? "";
  // Normalised through JSON, so that what is shown is exactly what the JSON variant carries.
  const body = input.body === null || input.body === undefined ? null : JSON.parse(JSON.stringify(input.body));

  const headerLines = SHOWN_HEADERS.flatMap((name) => {
    const value = name === "Content-Type" ? (body === null ? null : "application/json") : headers.get(name);
    return value === null ? [] : [`${name}: ${escapeHtml(value)}`];
  });
  const ctx: JsonContext = { origin: requestOrigin(req), idLink: detailLinker(url.pathname, linksDetails) };
  const isObject = isPlainObject(body);
  const bodyHtml =
    body === null
      ? '<p class="note">No content.</p>'
      : `<pre class="json" id="response-body">${jsonHtml(body, 0, ctx, isObject && !("results" in body))}</pre>`;

  const asJson = new URL(url);
  asJson.searchParams.set("format", "json");
  // Nothing to act on where the object is missing or was just deleted.
  const showForms = forms.length > 0 && status !== 404 && !(method === "DELETE" && status < 300);
  const formsHtml = showForms
    ? `<section id="forms"><h2>Requests you may send</h2><div class="ops">${forms.map((f) => formHtml(f, input, method, url.pathname)).join("\n")}</div></section>`
    : "";

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${status} ${escapeHtml(method)} ${escapeHtml(url.pathname)} · Beacon API</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top"><a class="brand" href="/api/v1/">Beacon API</a><span class="links"><a href="/docs/api">API reference</a><a href="/">Status page</a></span></header>
<main>
${whoIsSignedIn(principal, here)}
${breadcrumbs(url.pathname)}
${intro ? introHtml(intro) : ""}
<section class="card" id="response">
<h1><span class="m m-${escapeHtml(method.toLowerCase())}">${escapeHtml(method)}</span> <code>${escapeHtml(here)}</code></h1>
<pre class="headers"><b>HTTP <span class="status s${Math.floor(status / 100)}" data-testid="status">${status} ${escapeHtml(reason)}</span></b>
${headerLines.join("\n")}</pre>
${bodyHtml}
<p class="note"><a href="${escapeHtml(asJson.pathname + asJson.search)}">View as JSON</a></p>
</section>
${formsHtml}
</main>
<script nonce="${escapeHtml(nonce)}">${SCRIPT}</script>
</body>
</html>
`;
}
