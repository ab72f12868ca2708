// Turns a parsed `?ordering=` into Prisma orderBy, mapping API field names to columns and always ending
// with `id` so pages never overlap or skip rows.
export function orderBy<F extends string>(
  ordering: { field: F; desc: boolean }[] | undefined,
  columns: Record<F, string>,
  fallback: { field: F; desc: boolean }[],
): Record<string, "asc" | "desc">[] {
  const list = ordering && ordering.length ? ordering : fallback;
  const out = list.map((o) => ({ [columns[o.field]]: o.desc ? ("desc" as const) : ("asc" as const) }));
  if (!list.some((o) => columns[o.field] === "id")) out.push({ id: "asc" });
  return out;
}
