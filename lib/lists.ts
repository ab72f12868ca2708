// Lists stored as JSON text in a column (a role's permissions, a token's scopes and allowed IPs): one
// codec per kind of list, used for every read and every write, so no domain parses or writes the text.

export interface ListColumn<Item extends string> {
  /**
   * The stored text as a list, leniently (only Beacon writes it): anything else is dropped, order kept.
   * Parsed once per distinct text (every request reads the same few roles and tokens): the list returned
   * is shared, and frozen so that a caller changing it fails loudly instead of changing it for everyone.
   */
  decode(stored: string | null | undefined): Item[];
  /** The text to store; refuses what `decode` would drop, so a write is read back as written. */
  encode(list: readonly Item[]): string;
}

/** How many distinct texts each column keeps parsed (roles and tokens in use; the oldest go first). */
export const DECODED_TEXTS_KEPT = 1000;
const EMPTY: never[] = Object.freeze([]) as never[];

export function listColumn<Item extends string>(isItem: (value: unknown) => value is Item): ListColumn<Item> {
  const parsed = new Map<string, Item[]>();
  const parse = (stored: string): Item[] => {
    try {
      const value: unknown = JSON.parse(stored);
      return Object.freeze(Array.isArray(value) ? value.filter(isItem) : []) as Item[];
    } catch {
      return EMPTY;
    }
  };
  return {
    decode(stored) {
      if (!stored) return EMPTY;
      let list = parsed.get(stored);
      if (list === undefined) {
        list = parse(stored);
        if (parsed.size >= DECODED_TEXTS_KEPT) parsed.delete(parsed.keys().next().value!);
        parsed.set(stored, list);
      }
      return list;
    },
    encode(list) {
      const bad = list.filter((item) => !isItem(item));
      if (bad.length) throw new TypeError(`Not storable in this list column: ${bad.map(String).join(", ")}`);
      return JSON.stringify(list);
    },
  };
}

/** Allowed IPs (CIDRs, validated on input). */
export const stringListColumn = listColumn((value): value is string => typeof value === "string");
