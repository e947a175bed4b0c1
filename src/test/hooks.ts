import { afterAll, beforeAll } from "vitest";
import { createTestApp, type TestApp, type TestAppOptions } from "./harness.js";

/** Options known when the file is collected, or a function that gives them in beforeAll (after it started servers whose ports they name). */
export type LateOptions<O> = O | (() => O | Promise<O>);

/** The options themselves, calling the function form. */
export function resolveOptions<O>(options: LateOptions<O>): O | Promise<O> {
  return typeof options === "function" ? (options as () => O | Promise<O>)() : options;
}

/**
 * A value made in beforeAll and ended in afterAll, for one describe block (or file). Returns a
 * stand-in that reads through to the value once made: read it inside tests and hooks (`t.app`),
 * never at collection time.
 */
export function madeBeforeAll<T extends object>(make: () => Promise<T>, end: (value: T) => Promise<void>): T {
  let value: T | undefined;
  beforeAll(async () => {
    value = await make();
  });
  afterAll(async () => {
    if (value) await end(value);
  });
  const made = (key: PropertyKey): T => {
    if (!value) throw new Error(`madeBeforeAll: ${String(key)} read before beforeAll made the value`);
    return value;
  };
  // Methods are bound to the value, so a class instance keeps its own `this`.
  return new Proxy({} as T, {
    get(_, key) {
      const v = made(key);
      const field: unknown = Reflect.get(v, key);
      return typeof field === "function" ? field.bind(v) : field;
    },
    set: (_, key, field) => Reflect.set(made(key), key, field),
    has: (_, key) => Reflect.has(made(key), key),
  });
}

/**
 * `createTestApp(options)` for one describe block (or file), closed after it: replaces the
 * `let t; beforeAll(… createTestApp …); afterAll(… t.close())` every file wrote.
 */
export function useTestApp(options: LateOptions<TestAppOptions> = {}): TestApp {
  return madeBeforeAll(
    async () => createTestApp(await resolveOptions(options)),
    (t) => t.close(),
  );
}
