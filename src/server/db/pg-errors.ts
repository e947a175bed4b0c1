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
