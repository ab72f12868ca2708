// Forms validated in the browser with the API's own zod schemas (lib/validation), through react-hook-form.
// A form keeps its controls' values; `toBody` turns them into the request body the schema checks, so the
// browser shows the API's own messages beside the fields of the same name before anything is sent.
import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import { z } from "zod";
import type { ApiProblem } from "./api.ts";

// The pages' Content-Security-Policy allows no eval: zod must not probe for it (Chromium reports the
// caught `new Function` as a CSP violation) nor compile parsers with it.
z.config({ jitless: true });

export function bodyResolver<Values extends FieldValues>(schema: z.ZodType, toBody: (values: Values) => unknown): Resolver<Values> {
  // raw: the submit handler gets the form's own values (and builds the body itself), not zod's output.
  const checked = z.preprocess((values) => toBody(values as Values), schema) as unknown as z.ZodType<Values, Values>;
  return zodResolver(checked, undefined, { raw: true });
}

function messagesIn(node: unknown, out: Set<string>): void {
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "message" && typeof value === "string" && value) out.add(value);
    else if (key !== "ref" && key !== "type" && key !== "types") messagesIn(value, out);
  }
}

/** Every message for `field` and its items (`allowed_ips.0`): the browser's check first, then the API's answer. */
export function fieldMessages(errors: FieldErrors, problem: ApiProblem | null | undefined, ...fields: string[]): string[] {
  const out = new Set<string>();
  for (const field of fields) messagesIn(errors[field], out);
  for (const field of fields) for (const message of problem?.fieldErrors(field) ?? []) out.add(message);
  return [...out];
}
