import pino, { type DestinationStream, type Logger } from "pino";
import type { Config } from "./config.js";

/**
 * Logs carry no secrets and no personal data (R-SE2; PDP Law 91/2025, issue 14). Three layers:
 *   1. keys: any field named like personal data, a secret, a request body or a statement's
 *      parameters is replaced by "[redacted]", at any depth (redactObject);
 *   2. errors: only type, code, a cleaned message and stack are written — never the driver's
 *      `params`/`parameters`/`detail` ("Key (phone)=(…)") nor the "params: …" tail Drizzle appends
 *      to a failed query's message (errSerializer);
 *   3. requests: method, route URL with personal query values removed, id and address; no headers,
 *      no body (reqSerializer).
 */
const REDACTED = "[redacted]";

/** Keys whose values never reach a log line, compared case-insensitively without "_" and "-". */
const sensitiveKeys = new Set(
  [
    // secrets
    "password",
    "newPassword",
    "currentPassword",
    "passwordHash",
    "accessToken",
    "refreshToken",
    "secret",
    "token",
    "cookie",
    "authorization",
    "csrfToken",
    "x-csrf-token",
    "totp",
    // personal data and free text a citizen wrote
    "fullName",
    "requesterName",
    "displayName",
    "phone",
    "phoneNumber",
    "email",
    "address",
    "content",
    "text",
    "answer",
    "answerHtml",
    "note",
    "subject",
    "identity",
    "requester",
    // whole inputs and statement values
    "body",
    "payload",
    "params",
    "parameters",
    "values",
    "query",
    "detail",
    "before",
    "after",
  ].map(normalise),
);

function normalise(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, "");
}

export function isSensitiveKey(key: string): boolean {
  return sensitiveKeys.has(normalise(key));
}

/** Drizzle's failed-query message ends with "params: <values>": keep the statement, drop the values. */
export function cleanErrorText(text: string): string {
  return text.replace(/\n?params: [\s\S]*/, "\nparams: [redacted]");
}

/** A copy of a log object with sensitive keys redacted at any depth (cycles and depth bounded). */
export function redactObject(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return cleanErrorText(value);
  if (value === null || typeof value !== "object") return value;
  // Errors are written by errSerializer (pino applies it to `err`); elsewhere they are serialised here.
  if (value instanceof Error) return depth === 0 ? value : errSerializer(value);
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (depth > 8 || seen.has(value)) return "[…]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactObject(v, depth + 1, seen));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // The request and reply objects Fastify logs go through their own serializers, unwalked.
    if (depth === 0 && (k === "req" || k === "res")) out[k] = v;
    else out[k] = isSensitiveKey(k) ? REDACTED : redactObject(v, depth + 1, seen);
  }
  return out;
}

/** Fields of an error (and of a PostgreSQL error) that say what failed without saying about whom. */
const errorFields = ["code", "severity", "constraint", "table", "column", "routine", "statusCode"] as const;

export function errSerializer(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return redactObject(error, 1);
  const e = error as Error & Record<string, unknown>;
  // PostgreSQL quotes the offending value in some messages (invalid input syntax for type integer:
  // "<value>"): for a database error every quoted part goes; table and column come separately.
  const fromDatabase = typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code);
  const clean = (text: string) =>
    fromDatabase ? cleanErrorText(text).replace(/"(?:[^"\\]|\\.)*"/g, '"…"') : cleanErrorText(text);
  const out: Record<string, unknown> = { type: e.constructor?.name ?? e.name, message: clean(e.message) };
  if (e.stack) out.stack = clean(e.stack);
  for (const key of errorFields) {
    if (typeof e[key] === "string" || typeof e[key] === "number") out[key] = e[key];
  }
  if (e.cause !== undefined && depth < 4) out.cause = errSerializer(e.cause, depth + 1);
  return out;
}

/** Query keys whose values are personal data or secrets (see redactUrl). */
const REDACTED_QUERY_KEYS = new Set([
  "phone",
  "sdt",
  "email",
  "q",
  "content",
  "token",
  "api_key",
  "hub.verify_token",
  "hub.challenge",
]);

/** A query key as the query parser reads it: percent-decoded, `[]` dropped, lower case. */
function queryKeyName(rawKey: string): string {
  let key = rawKey;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, " "));
  } catch {
    // a malformed escape stays as written
  }
  return key.replace(/\[\]$/, "").toLowerCase();
}

/**
 * Query values that are personal data (the follow endpoint takes the phone number or email, the
 * desk's duplicate check the caller's words as `content`) or secrets (tokens, an Open311 client's
 * `api_key`), and follow-link secrets (/theo-doi/<secret>, /api/v1/public/follow/<secret>) never
 * reach the log. Keys are compared as the query parser reads them (`%70hone` is `phone`).
 */
export function redactUrl(url: string): string {
  const path = url.replace(/^(\/theo-doi\/|\/api\/v1\/public\/follow\/)[^?#]*/, `$1${REDACTED}`);
  const at = path.indexOf("?");
  if (at < 0) return path;
  const pairs = path
    .slice(at + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      if (eq < 0 || !REDACTED_QUERY_KEYS.has(queryKeyName(pair.slice(0, eq)))) return pair;
      return `${pair.slice(0, eq + 1)}${REDACTED}`;
    });
  return `${path.slice(0, at + 1)}${pairs.join("&")}`;
}

function reqSerializer(req: { method?: string; url?: string; ip?: string; id?: string }) {
  return {
    id: req.id,
    method: req.method,
    url: req.url ? redactUrl(req.url) : req.url,
    remoteAddress: req.ip,
  };
}

/**
 * The process logger. `destination` (tests) or LOG_FILE (a path, appended to) replace stdout; the
 * test harness points LOG_FILE at one file per run so scripts/check-log-pii.mjs can grep it.
 */
export function createLogger(
  config: Pick<Config, "LOG_LEVEL"> & { LOG_FILE?: string },
  destination?: DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    serializers: {
      req: reqSerializer,
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
      err: errSerializer,
      error: errSerializer,
    },
    formatters: { log: (object) => redactObject(object) as Record<string, unknown> },
  };
  if (destination) return pino(options, destination);
  if (config.LOG_FILE)
    return pino(options, pino.destination({ dest: config.LOG_FILE, append: true, sync: true }));
  return pino(options);
}
