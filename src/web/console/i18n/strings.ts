/** The shape of a translation of a Vietnamese catalogue: the same keys, every leaf a string. */
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The intersection of a union of objects: the type of the feature areas once merged into one. */
type Merged<U> = (U extends object ? (area: U) => void : never) extends (merged: infer M) => void ? M : never;

/**
 * A catalogue's feature areas merged into the single i18next namespace, in their order. Each area
 * owns distinct top-level keys (catalogues.test.ts checks it), so no area overwrites another.
 */
export function mergeAreas<A extends Record<string, object>>(areas: A): Merged<A[keyof A]> {
  return Object.assign({}, ...Object.values(areas));
}
