// Turns anything a handler throws into API.md's status and body. Unknown errors become a logged 500
// with a generic body: no stack trace or secret ever reaches the client.
import { ZodError } from "zod";
import { ApiError, DETAIL, type FieldErrors } from "../errors.ts";
import { isDatabaseUnavailable } from "../db/outage.ts";
import { uniqueViolation } from "../db/unique.ts";

export function zodFieldErrors(error: ZodError): FieldErrors {
  // No prototype: a field may be called "constructor" or "__proto__".
  const errors: FieldErrors = Object.create(null);
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const field = [...issue.path, key].join(".");
        (errors[field] ??= []).push("Unknown field.");
      }
      continue;
    }
    const field = issue.path.length ? issue.path.join(".") : "non_field_errors";
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

const TABLE_PREFIX =
  /^(users|roles|api_tokens|settings|component_groups|components|incidents|incident_updates|subscribers|pages|menus|menu_items|audit_events|webhooks|outbox_events|outbox_deliveries)_/;

interface PrismaLikeError {
  code?: string;
  name?: string;
  meta?: { target?: unknown; modelName?: string; driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } } };
  message?: string;
}

function uniqueFields(err: PrismaLikeError): string[] {
  const target = err.meta?.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === "string") return [target];
  const constraint = err.meta?.driverAdapterError?.cause?.constraint;
  if (Array.isArray(constraint?.fields)) return constraint.fields.map((f) => String(f).replace(/"/g, ""));
  // PostgreSQL names the index instead (`pages_slug_key`): strip the table and the suffix.
  if (typeof constraint?.index === "string") return [constraint.index.replace(TABLE_PREFIX, "").replace(/_key$/, "")];
  const m = /fields: \(`?([^)`]+)`?\)/.exec(err.message ?? "");
  return m ? m[1].split(",").map((s) => s.trim()) : [];
}

export function mapError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) return new ApiError(400, DETAIL.validation, { errors: zodFieldErrors(err) });
  const e = (err ?? {}) as PrismaLikeError;
  if (e.code === "P2002") {
    const { field, message } = uniqueViolation(e.meta?.modelName, uniqueFields(e)[0]);
    return new ApiError(409, DETAIL.conflict, { errors: { [field]: [message] } });
  }
  if (e.code === "P2025") return new ApiError(404, DETAIL.notFound);
  if (e.code === "P2003") return new ApiError(409, DETAIL.conflict, { errors: { non_field_errors: ["A related object does not exist or is still in use."] } });
  if (e.code === "P2034" || /TransactionWriteConflict|could not serialize access/i.test(`${e.message ?? ""} ${JSON.stringify((e as { cause?: unknown }).cause ?? "")}`)) {
    return new ApiError(409, "The object was changed by another request at the same time; try again.", {}, { "Retry-After": "1" });
  }
  if (isDatabaseUnavailable(err)) {
    console.error("database unavailable:", e.message);
    return new ApiError(503, DETAIL.unavailable, {}, { "Retry-After": "5" });
  }
  console.error("unhandled error in API handler:", err);
  return new ApiError(500, DETAIL.serverError);
}
