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

/** Errors of the socket under a PostgreSQL connection (node), and pg's own for a lost or slow one. */
const UNREACHABLE_SYSCALLS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EPIPE",
]);
const UNREACHABLE_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|query read timeout|not queryable|connection ended|cannot use a pool after calling end/i;

/**
 * The database is away or not answering in time (issue 15): connection exceptions (class 08),
 * the server shutting down or starting (57P01–57P03), too many connections (53300), a statement
 * cancelled by its timeout (57014), a refused or dropped socket, pg's connect or query timeout.
 * The HTTP edge answers 503 with Retry-After: nothing was stored (or, if the connection dropped
 * at commit, the client retries with its Idempotency-Key).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string") {
      if (code.startsWith("08") || ["57P01", "57P02", "57P03", "53300", "57014"].includes(code)) return true;
      if (UNREACHABLE_SYSCALLS.has(code)) return true;
    }
    if (typeof message === "string" && UNREACHABLE_MESSAGES.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
