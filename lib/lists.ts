// Lists stored as JSON text in a column (a role's permissions, a token's scopes and allowed IPs): one
// codec per kind of list, used for every read and every write, so no domain parses or writes the text.

export interface ListColumn<Item extends string> {
  /** The stored text as a list, leniently (only Beacon writes it): anything else is dropped, order kept. */
  decode(stored: string | null | undefined): Item[];
  /** The text to store; refuses what `decode` would drop, so a write is read back as written. */
  encode(list: readonly Item[]): string;
}

export function listColumn<Item extends string>(isItem: (value: unknown) => value is Item): ListColumn<Item> {
  return {
    decode(stored) {
      if (!stored) return [];
      try {
        const value: unknown = JSON.parse(stored);
        return Array.isArray(value) ? value.filter(isItem) : [];
      } catch {
        return [];
      }
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
