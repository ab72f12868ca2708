// A bound on how deeply JSON may nest, checked on the text before parsing: request bodies
// (lib/api/body.ts) and GraphQL's `variables` over GET share it.

/** How deep a JSON body (or GraphQL `variables`) may nest: objects and arrays inside each other. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests objects and arrays deeper than `max`, in one pass without recursion (brackets
 * inside strings do not count): deeper values are refused before parsing, so that nothing walking
 * them afterwards (the NUL check, zod, GraphQL) can overflow the stack.
 */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
