/** The shape of a translation of a Vietnamese catalogue: the same keys, every leaf a string. */
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
