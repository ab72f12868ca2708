// Pieces the declarations share: the list envelope's name, and the answer of a delete.
import { named, type NamedSchema } from "../api/operation.ts";
import { paginatedOf } from "../openapi/schemas.ts";

/** NetBox's list envelope of `item`, named `<Item>List`, its items named on their own. */
export const list = (item: NamedSchema): NamedSchema => ({ ...named(`${item.name}List`, paginatedOf(item.schema)), item });

export const NO_CONTENT = { 204: null };
