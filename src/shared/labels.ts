/**
 * The values of a closed set read from its table of labels, in the table's order: each value is
 * written once, with its label, and the tuple is what `z.enum` and the console's lists take.
 * Zod-free, so the console's first screen can read labels without the schema library.
 */
export function labelledValues<V extends string>(labels: Record<V, string>): readonly [V, ...V[]] {
  return Object.keys(labels) as [V, ...V[]];
}
