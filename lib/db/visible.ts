// Visibility as a function of the principal (STYLE.md 9, NetBox `RestrictedQuerySet.restrict`): each
// domain says which rows a principal may see (`xVisibleTo(principal)`, a Prisma `where`); this applies it.

/**
 * The `where` of one object that the principal may see (NetBox's `restrict`): for details, updates and
 * deletes alike, so "not visible" and "not found" are the same Prisma "not found" (a 404).
 */
export function visibleById<Where>(id: number, visible: Where): { id: number; AND: Where[] } {
  return { id, AND: [visible] };
}
