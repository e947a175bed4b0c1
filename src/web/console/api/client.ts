import { type ErrorBody, type ErrorCode, errorCodes } from "../../../shared/errors.js";

type Details = ErrorBody["error"]["details"];

/** Codes whose own words say only that something was refused; their details say what. */
const generalCodes: readonly string[] = ["VALIDATION", "WEAK_PASSWORD", "BAD_INPUT"];

/**
 * The sentence a refusal is shown by, in a dialog or a toast: the server's own, or — where it said
 * only its code's general words («Dữ liệu không hợp lệ.») — what the fields broke, so that staff
 * read what to mend (a webhook's address, a calendar's year, a password), not that something failed.
 */
export function refusalText(code: string, message: string, details: Details = []): string {
  const general = generalCodes.includes(code) && errorCodes[code as ErrorCode].message === message;
  const said = [...new Set(details.map((d) => d.message.trim().replace(/\.$/, "")))];
  if (!general || said.length === 0) return message;
  const more = said.length > 3 ? ` (và ${said.length - 3} lỗi khác)` : "";
  return `${said.slice(0, 3).join("; ")}${more}.`;
}

/** The API's error, with the server's Vietnamese message (`refusalText`) and per-field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "NETWORK",
    message: string,
    readonly details: Details = [],
  ) {
    super(refusalText(code, message, details));
    this.name = "ApiError";
  }
}

// The session cookie is httpOnly; writes also carry the session's CSRF token (from login or /me).
let csrfToken = "";
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

const isErrorBody = (value: unknown): value is ErrorBody =>
  typeof value === "object" && value !== null && "error" in value && typeof value.error === "object";

/** One fetch for the whole console: same-origin cookie, CSRF header on writes, typed errors. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  // A FormData body (an upload) goes as multipart/form-data; the browser sets the boundary.
  const form = init.body instanceof FormData ? init.body : null;
  if (init.body !== undefined && !form) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: form ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      signal: init.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK", "Không kết nối được máy chủ. Vui lòng kiểm tra mạng.");
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isErrorBody(payload)) {
      throw new ApiError(response.status, payload.error.code, payload.error.message, payload.error.details);
    }
    if (response.status === 404)
      throw new ApiError(404, "NOT_FOUND", "Chức năng chưa sẵn sàng trên máy chủ.");
    throw new ApiError(response.status, "INTERNAL", "Lỗi hệ thống. Vui lòng thử lại sau.");
  }
  return payload as T;
}

/** Builds a query string from defined values only. */
export function qs(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      if (value !== "") search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
