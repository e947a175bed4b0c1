import { timingSafeEqual } from "node:crypto";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Quotes integer literals of 16 digits or more before JSON.parse, so a provider id that arrives
 * as a bare number (Zalo ids are ~19 digits, beyond Number.MAX_SAFE_INTEGER) keeps every digit.
 * A small scanner rather than a regex: digits inside string values must stay untouched.
 */
export function quoteLongIntegers(text: string): string {
  let out = "";
  let i = 0;
  let inString = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += text[i + 1] ?? "";
        i += 2;
        continue;
      }
      if (ch === '"') inString = false;
      i++;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      i++;
      continue;
    }
    if ((ch >= "0" && ch <= "9") || ch === "-") {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j] as string)) j++;
      const literal = text.slice(i, j);
      out += /^-?\d{16,}$/.test(literal) ? `"${literal}"` : literal;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * Text a provider sent that no column can hold: NUL and other control characters (tab and line
 * breaks kept) are dropped, lone surrogates become U+FFFD. A signed event is the citizen's message,
 * so it is cleaned and kept rather than refused (a refusal makes the provider retry, then give up).
 */
export function cleanProviderText(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i++;
      } else out += "\ufffd";
      continue;
    }
    out += c >= 0xdc00 && c <= 0xdfff ? "\ufffd" : text[i];
  }
  return out;
}

/** Parses a webhook body: valid UTF-8, a JSON object, long integers kept as strings, text cleaned. */
export function parseProviderJson(raw: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(quoteLongIntegers(utf8.decode(raw)), (key, v: unknown) => {
      if (key === "__proto__" || key === "constructor") return undefined;
      return typeof v === "string" ? cleanProviderText(v) : v;
    });
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Hex digests compare without regard to case. */
export function sameSignature(given: string, expected: string): boolean {
  return sameSecret(given.toLowerCase(), expected.toLowerCase());
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A provider id or timestamp as a string, whether it arrived as a string or a number. */
/** Provider ids are short (Zalo ~19 digits, Messenger mids ~100 characters); anything longer is not an id. */
const MAX_ID_LENGTH = 256;

export function idString(value: unknown): string | null {
  if (typeof value === "string" && value.length > 0) return value.length <= MAX_ID_LENGTH ? value : null;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** Messenger and Zalo refuse long texts; the full text stays readable on the portal. */
export function fitText(text: string, max = 2000): string {
  if (text.length <= max) return text;
  const tail = "… (xem đầy đủ trên Cổng thông tin 1022)";
  return text.slice(0, max - tail.length) + tail;
}

export interface HttpAnswer {
  status: number;
  json: Record<string, unknown>;
}

/** One provider call with a timeout; network failures and timeouts throw, HTTP errors answer. */
export async function callProvider(
  url: string,
  init: { method: "POST" | "GET"; headers: Record<string, string>; body?: string },
  signal?: AbortSignal,
  timeoutMs = 15_000,
): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const response = await fetch(url, {
    ...init,
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = asRecord(JSON.parse(quoteLongIntegers(text)));
  } catch {
    json = {};
  }
  return { status: response.status, json };
}
