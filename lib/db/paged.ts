// One paged list (umami's pagedQuery): how many rows match a `where`, and the rows of one page of it.
export interface PageWindow {
  limit: number;
  offset: number;
}

/** The part of a Prisma model delegate a paged list uses. */
interface Listable<Args extends { where?: unknown }, Row> {
  count(args: { where?: Args["where"] }): PromiseLike<number>;
  findMany(args: Args & { skip: number; take: number }): PromiseLike<Row[]>;
}

export async function pagedQuery<Args extends { where?: unknown }, Row, Out>(
  model: Listable<Args, NoInfer<Row>>,
  args: Args,
  page: PageWindow,
  serialize: (row: Row) => Out,
): Promise<{ count: number; results: Out[] }> {
  const [count, rows] = await Promise.all([model.count({ where: args.where }), model.findMany({ ...args, skip: page.offset, take: page.limit })]);
  return { count, results: rows.map(serialize) };
}
