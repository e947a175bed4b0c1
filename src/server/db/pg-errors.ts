/**
 * Recognises PostgreSQL error codes through the wrappers both drivers add (drizzle wraps the
 * driver's error in `cause`), so services can turn a unique violation into DUPLICATE (409).
 */
export function pgErrorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown): boolean => pgErrorCode(error) === "23505";
export const isForeignKeyViolation = (error: unknown): boolean => pgErrorCode(error) === "23503";

/**
 * PostgreSQL's "data exception" class (22xxx: invalid byte sequence 22021, untranslatable
 * character 22P05, invalid text representation 22P02, value too long 22001, out of range 22003…)
 * and "program limit exceeded" (54000: e.g. a search term too long for the index): raised by values
 * a client sent, so the HTTP edge answers 400 rather than 500.
 */
export function isBadInputForDatabase(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code !== undefined && (code.startsWith("22") || code === "54000");
}
