import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, type ErrorBody, errorCodes, type FieldError, invalidField } from "../../shared/errors.js";
import { isBadInputForDatabase, isDatabaseUnavailable } from "../db/pg-errors.js";
import { sendOpen311Error } from "./open311/reply.js";
import { notFoundPage, problemPage, rateLimitedPage, retryMessage } from "./portal/error-pages.js";

/**
 * Whether a person reads this answer in a browser: every path outside the API, the static assets
 * and the health probe (portal pages, form posts). Those get a citizen-facing HTML page for their
 * errors (issue 18.9, 18.6; 4 December 2026); the API keeps its JSON bodies.
 */
export function wantsHtml(request: FastifyRequest): boolean {
  const path = request.url;
  return !/^\/(api|assets|console\/assets|healthz)(\/|$|\?)/.test(path);
}

const HTML = "text/html; charset=utf-8";

/** What a 503 asks the client to wait before retrying (the server reconnects by itself within seconds). */
export const UNAVAILABLE_RETRY_SECONDS = 5;

/** The one edge mapper: AppError → status and body; anything unknown → a 500 that says nothing. */
export function errorHandler(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const appError = toAppError(error);
  if (appError.code === "INTERNAL") {
    request.log.error({ err: error }, "unhandled error");
  } else if (appError.status >= 500) {
    request.log.warn({ err: error }, appError.code);
  }
  let message = appError.message;
  let retryAfterSeconds: number | undefined;
  if (appError.code === "RATE_LIMITED") {
    // The limiters set Retry-After (the token bucket of public submissions, @fastify/rate-limit elsewhere).
    retryAfterSeconds = Math.max(1, Math.ceil(Number(reply.getHeader("retry-after")) || 60));
    reply.header("retry-after", String(retryAfterSeconds));
    message = retryMessage(retryAfterSeconds, new Date());
    if (wantsHtml(request))
      return reply
        .status(429)
        .header("cache-control", "no-store")
        .type(HTML)
        .send(rateLimitedPage(retryAfterSeconds, new Date()));
  }
  if (appError.code === "UNAVAILABLE") {
    retryAfterSeconds = UNAVAILABLE_RETRY_SECONDS;
    reply.header("retry-after", String(retryAfterSeconds));
  }
  // Any method: a form posted to a page that does not exist (an old bookmark, a stale form) is the
  // same page as a link to it.
  if (appError.code === "NOT_FOUND" && wantsHtml(request)) {
    return reply.status(404).type(HTML).send(notFoundPage());
  }
  // Any other error of a page or a form post (a cut-off link, the database away, a fault) is a page
  // in Vietnamese too, never JSON. BAD_INPUT keeps its JSON naming the field: input hygiene's answer
  // to characters nobody types (NUL, control characters), src/server/http/input-hygiene.test.ts.
  if (wantsHtml(request) && appError.code !== "BAD_INPUT" && appError.code !== "NOT_FOUND") {
    return reply
      .status(appError.status)
      .header("cache-control", "no-store")
      .type(HTML)
      .send(problemPage(appError.status, message));
  }
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message,
      ...(appError.details ? { details: appError.details } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    },
  };
  return reply.status(appError.status).send(body);
}

/**
 * Fastify's own refusals before routing (its `frameworkErrors`): a path that is not percent-encoded
 * UTF-8 (FST_ERR_BAD_URL) or a path parameter over the router's 100 characters
 * (FST_ERR_MAX_PARAM_LENGTH). Fastify answered them with an English body echoing the URL, without
 * any hook (no security headers, no no-store). Now a page link that names nothing is the citizen's
 * 404 page, an Open311 URL the spec's error array, anything else the usual 400 BAD_INPUT naming
 * the URL. No hook ran: the security headers come from the caller and the answer is never cached.
 */
export function frameworkErrorHandler(securityHeaders: Readonly<Record<string, string>>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(securityHeaders).header("cache-control", "no-store");
    const tooLong = error.code === "FST_ERR_MAX_PARAM_LENGTH";
    const message = tooLong ? "Đường dẫn quá dài." : "Đường dẫn chứa ký tự không hợp lệ (mã hóa sai).";
    // Open311 clients read the spec's error array, as for any other Open311 refusal.
    if (request.url.startsWith("/open311/")) return sendOpen311Error(reply, request.url, 400, message);
    if (wantsHtml(request) && request.method === "GET") {
      return errorHandler(new AppError("NOT_FOUND", undefined, { cause: error }), request, reply);
    }
    const code = tooLong ? "too_long" : "bad_url";
    const bad = invalidField("url", message, { error: "BAD_INPUT", code, summary: null, cause: error });
    return errorHandler(bad, request, reply);
  };
}

/** What Node's HTTP parser refuses before Fastify sees a request: status, detail code, message. */
const clientErrors = {
  malformed: [400, "Yêu cầu HTTP sai cú pháp."],
  too_long: [431, "Phần tiêu đề (header) của yêu cầu quá lớn."],
  timeout: [408, "Yêu cầu gửi quá chậm: hết thời gian chờ."],
} as const;

/**
 * A request Node's parser refuses (a malformed request line or header, headers over the size
 * limit, headers or body too slow): Fastify answered an English body without any hook. Now the
 * usual BAD_INPUT shape naming `request` (400 `malformed`, 431 `too_long`, 408 `timeout`), with
 * the security headers, never cached, and the connection closed — it cannot carry another request.
 */
export function clientErrorHandler(securityHeaders: Readonly<Record<string, string>>) {
  return (error: Error & { code?: string }, socket: Socket) => {
    // A reset connection is gone already; nothing to answer.
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    const kind =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? "timeout"
        : error.code === "HPE_HEADER_OVERFLOW"
          ? "too_long"
          : "malformed";
    const [status, message] = clientErrors[kind];
    const detail: FieldError = { field: "request", code: kind, message };
    const body: ErrorBody = {
      error: { code: "BAD_INPUT", message: errorCodes.BAD_INPUT.message, details: [detail] },
    };
    const json = JSON.stringify(body);
    const headers = {
      ...securityHeaders,
      "cache-control": "no-store",
      "content-type": "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(json)),
      connection: "close",
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    if (!socket.writable) return void socket.destroy();
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head.join("\r\n")}\r\n\r\n${json}`, () =>
      socket.destroy(),
    );
  };
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError & { statusCode?: number };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const details: FieldError[] = e.validation.map((issue) => {
      const path = issue.instancePath.replace(/^\//, "").replace(/\//g, ".");
      const params = issue.params as { issue?: { code?: string; path?: PropertyKey[] } } | undefined;
      const code = params?.issue?.code ?? issue.keyword ?? "invalid";
      return {
        field: path || e.validationContext || "body",
        code: String(code),
        message: issue.message ?? "Không hợp lệ",
      };
    });
    // One entry per field: the first problem found is the one to fix.
    const unique = details.filter((d, i) => details.findIndex((o) => o.field === d.field) === i);
    return new AppError("VALIDATION", errorCodes.VALIDATION.message, { details: unique, cause: error });
  }
  if (isResponseSerializationError(e)) return new AppError("INTERNAL", undefined, { cause: error });
  switch (e.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("BAD_JSON", undefined, { cause: error });
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
    case "FST_FILES_LIMIT":
    case "FST_PARTS_LIMIT":
      return new AppError("PAYLOAD_TOO_LARGE", undefined, { cause: error });
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE", undefined, { cause: error });
    case "FST_ERR_NOT_FOUND":
      return new AppError("NOT_FOUND", undefined, { cause: error });
  }
  // Backstop behind the input-hygiene layer: text or numbers the database cannot take are the
  // client's input, not our failure (PostgreSQL class 22, e.g. 22021 and 22P05).
  if (isBadInputForDatabase(error)) return new AppError("BAD_INPUT", undefined, { cause: error });
  // The database away or too slow (issue 15): 503 with Retry-After, never a 2xx, never a 500.
  if (isDatabaseUnavailable(error)) return new AppError("UNAVAILABLE", undefined, { cause: error });
  if (e instanceof SyntaxError) return new AppError("BAD_JSON", undefined, { cause: error });
  if (e.statusCode === 429) return new AppError("RATE_LIMITED", undefined, { cause: error });
  if (typeof e.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError("VALIDATION", errorCodes.VALIDATION.message, { cause: error });
  }
  return new AppError("INTERNAL", undefined, { cause: error });
}
