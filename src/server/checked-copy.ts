/**
 * Checked copies (issue 16): a hand-written copy of a value in a Zod schema's shape, checked field
 * by field, for the few values on a citizen's hot path where Zod's full parse or `encode` was a
 * measurable share of the CPU (the follow answer's serializer, the follow look-up's row). Each
 * check is never looser than the schema it stands for: a value it does not accept throws
 * `Refused`, and `checkedOr` then hands the value to Zod, which accepts it (a coercion the copy
 * does not do) or fails exactly as before. The copy is a new object in the schema's key order,
 * without unknown keys, as Zod's output is.
 */
export class Refused extends Error {}

export const refuse = (): never => {
  throw new Refused();
};
export const str = (v: unknown): string => (typeof v === "string" ? v : refuse());
export const strOrNull = (v: unknown): string | null => (v === null ? null : str(v));
export const bool = (v: unknown): boolean => (typeof v === "boolean" ? v : refuse());
/** `z.number()`: finite (Zod 4 refuses NaN and ±Infinity). */
export const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : refuse());
export const int = (v: unknown): number => (typeof v === "number" && Number.isSafeInteger(v) ? v : refuse());
export const obj = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : refuse();
export const list = <T>(v: unknown, item: (x: unknown) => T): T[] =>
  Array.isArray(v) ? v.map(item) : refuse();
export const orNull = <T>(v: unknown, check: (x: unknown) => T): T | null => (v === null ? null : check(v));
/** A member of an enum's options (`z.enum(…).options`), typed as the enum's values. */
export const memberOf = <T extends string>(options: readonly T[]) => {
  const set = new Set<unknown>(options);
  return (v: unknown): T => (set.has(v) ? (v as T) : refuse());
};

/** `check(value)`, or — when the check refuses it — `fallback(value)` (Zod: accepts, or fails as before). */
export function checkedOr<T>(check: (v: unknown) => T, fallback: (v: unknown) => T): (v: unknown) => T {
  return (v) => {
    try {
      return check(v);
    } catch (error) {
      if (error instanceof Refused) return fallback(v);
      throw error;
    }
  };
}
