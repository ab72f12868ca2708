// Pieces the declarations share: the list envelope's name, and the answer of a delete.
import type { ZodType } from "zod";
import { named, type NamedSchema } from "../api/operation.ts";
import { paginatedOf } from "../openapi/schemas.ts";

const envelopes = new WeakMap<ZodType, NamedSchema>();

/** NetBox's list envelope of `item`, named `<Item>List`, its items named on their own; one per item, however many lists answer it. */
export function list(item: NamedSchema): NamedSchema {
  let envelope = envelopes.get(item.schema);
  if (!envelope) {
    envelope = { ...named(`${item.name}List`, paginatedOf(item.schema)), item };
    envelopes.set(item.schema, envelope);
  }
  return envelope;
}

export const NO_CONTENT = { 204: null };
