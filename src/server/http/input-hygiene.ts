import type { FastifyInstance } from "fastify";
import { AppError, type FieldError } from "../../shared/errors.js";
import { wantsHtml } from "./errors.js";

/**
 * One input-hygiene layer for everything a client sends (issue 14, ASVS V1/V2): query strings, path
 * parameters, JSON, form and multipart bodies are walked before the route's schema sees them, and
 * text that no field of ours can hold is refused with 400 BAD_INPUT naming the field:
 *   - NUL (PostgreSQL text cannot store it: a 500 before this layer existed),
 *   - lone UTF-16 surrogates (not Unicode; the drivers fail to encode them),
 *   - control characters other than tab, line feed and carriage return,
 *   - strings longer than any field accepts, objects nested deeper than any schema.
 * Webhook bodies stay raw Buffers (their signatures are over the bytes) and are not walked here.
 */

/** Longest value a query string or path parameter may carry (search boxes are far shorter). */
export const MAX_QUERY_VALUE = 2_000;
/**
 * Longest query value a portal page (GET, read by a person) takes to its route, which cuts it or says
 * at the field what is wrong, on the page (6 December 2026): a pasted or hand-edited link is no
 * JSON 400. Node's 16 KiB header limit bounds a URL anyway; the other checks (NUL…) still apply.
 */
export const MAX_PAGE_QUERY_VALUE = 16_384;
/** Longest string anywhere in a body; the longest field (an answer's HTML) takes 200,000. */
export const MAX_BODY_STRING = 250_000;
/** Deepest nesting of a body; our schemas go three or four levels down. */
export const MAX_DEPTH = 16;

export type TextProblem = "nul" | "surrogate" | "control" | "too_long";

const messages: Record<TextProblem | "too_deep", string> = {
  nul: "Chứa ký tự rỗng (NUL) không được phép.",
  surrogate: "Chứa ký tự Unicode không hợp lệ.",
  control: "Chứa ký tự điều khiển không được phép.",
  too_long: "Quá dài.",
  too_deep: "Cấu trúc lồng nhau quá sâu.",
};

/** What is wrong with a piece of text, or null when it may be stored. */
export function textProblem(text: string, maxLength: number): TextProblem | null {
  if (text.length > maxLength) return "too_long";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c === 0) return "nul";
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return "control";
    } else if (c === 0x7f) {
      return "control";
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return "surrogate";
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return "surrogate";
    }
  }
  return null;
}

/**
 * A field's path. At module level, not a closure per call: every request's query and params pass
 * findBadInput, and the TypeScript loader names each closure it creates (a defineProperty, issue 16).
 */
function join(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

/** The first problem in a value (strings, keys, arrays, objects), with the field path; null if clean. */
export function findBadInput(value: unknown, maxString: number, root = ""): FieldError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof v === "string") {
      const problem = textProblem(v, maxString);
      if (problem) return { field: path || "body", code: problem, message: messages[problem] };
      continue;
    }
    if (v === null || typeof v !== "object" || Buffer.isBuffer(v)) continue;
    if (depth >= MAX_DEPTH) return { field: path || "body", code: "too_deep", message: messages.too_deep };
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        stack.push({ value: item, path: join(path, i), depth: depth + 1 });
      });
      continue;
    }
    for (const [key, item] of Object.entries(v)) {
      // A key is text the client chose: the same rules, reported at the key itself.
      const problem = textProblem(key, MAX_QUERY_VALUE);
      if (problem) return { field: path || "body", code: problem, message: messages[problem] };
      stack.push({ value: item, path: join(path, key), depth: depth + 1 });
    }
  }
  return null;
}

/** Throws 400 BAD_INPUT naming the field when the value holds text we refuse. */
export function assertCleanInput(value: unknown, maxString: number, root = ""): void {
  const bad = findBadInput(value, maxString, root);
  if (bad) throw new AppError("BAD_INPUT", undefined, { details: [bad] });
}

/**
 * A form field's text as it was typed: an HTML form sends each line break as CR LF (urlencoded and
 * multipart alike), while the browser's `maxlength` and the citizen counted one character.
 */
export function typedFormText(value: string): string {
  return value.replace(/\r\n?/g, "\n");
}

/**
 * Registers the layer on the root instance, before anything else reads the request: query and
 * path parameters at onRequest (before the session is looked up), parsed bodies at preValidation.
 * Multipart bodies are read by readMultipartBody (uploads.ts), which applies the same check.
 */
export function registerInputHygiene(app: FastifyInstance): void {
  // Callback style, not async: every request passes here, and a promise each costs (issue 16).
  app.addHook("onRequest", (request, _reply, done) => {
    const page = request.method === "GET" && wantsHtml(request) && !request.url.startsWith("/open311/");
    const bad =
      findBadInput(request.query, page ? MAX_PAGE_QUERY_VALUE : MAX_QUERY_VALUE, "query") ??
      findBadInput(request.params, MAX_QUERY_VALUE, "params");
    done(bad ? new AppError("BAD_INPUT", undefined, { details: [bad] }) : undefined);
  });
  app.addHook("preValidation", (request, _reply, done) => {
    const body = request.body;
    if (body === undefined || body === null || Buffer.isBuffer(body)) return done();
    const bad = findBadInput(body, MAX_BODY_STRING);
    done(bad ? new AppError("BAD_INPUT", undefined, { details: [bad] }) : undefined);
  });
}
