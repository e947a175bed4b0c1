import { createHash } from "node:crypto";

// The request code as issued by domain/request-code.ts ("2603-7KQ9MX"), inside a subject token.
const code = "\\d{4}-[0-9A-HJKMNP-TV-Z]{6}";
const subjectToken = new RegExp(`\\[(?:1022[ #-]*)?(${code})\\]`, "i");
const ourIdPrefix = new RegExp(`^<?(${code})\\.o\\d+\\.`, "i");

/** The request code in a subject such as "Re: [2603-7KQ9MX] Tổng đài 1022". */
export function codeFromSubject(subject: string | null | undefined): string | null {
  const match = subjectToken.exec(subject ?? "");
  return match?.[1]?.toUpperCase() ?? null;
}

/** The request code inside one of our own Message-IDs cited in In-Reply-To or References. */
export function codeFromMessageIds(ids: string[]): string | null {
  for (const id of [...ids].reverse()) {
    const match = ourIdPrefix.exec(id);
    if (match?.[1]) return match[1].toUpperCase();
  }
  return null;
}

/**
 * Our Message-ID for one outbox row: the same on every retry (so a resend after a crash is
 * recognisable by the receiving side), and carrying the request code so a reply threads even when
 * our lookup table has no record of it.
 */
export function ourMessageId(
  requestCode: string | null,
  outboxId: number,
  dedupeKey: string,
  domain: string,
): string {
  const digest = createHash("sha256").update(dedupeKey).digest("hex").slice(0, 12);
  return `<${requestCode ?? "msg"}.o${outboxId}.${digest}@${domain}>`;
}

/** Ensures the subject carries the code token, whatever the notification text chose. */
export function subjectWithCode(subject: string | null, requestCode: string | null): string {
  const base = subject?.trim() || "Tổng đài 1022";
  if (!requestCode || codeFromSubject(base)) return base;
  return `[${requestCode}] ${base}`;
}

/** Header values as mailparser gives them: strings, string arrays or structured values. */
export type HeaderLookup = (name: string) => unknown;

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(text).join(" ");
  // Address headers carry a display "text"; structured ones (content-type) a "value".
  if (value && typeof value === "object" && "text" in value) return text((value as { text: unknown }).text);
  if (value && typeof value === "object" && "value" in value)
    return text((value as { value: unknown }).value);
  return "";
}

/**
 * Whether a mail was sent by a machine: an auto-reply, a bounce, a list. Such mails are recorded
 * but never acknowledged, so two autoresponders can never loop (RFC 3834 §2, §3.1.7).
 */
export function isAutomatedMail(header: HeaderLookup, from: string, contentType: string): boolean {
  const autoSubmitted = text(header("auto-submitted")).trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return true;
  if (/yes|true/i.test(text(header("x-loop")))) return true;
  if (/bulk|list|junk/i.test(text(header("precedence")))) return true;
  if (/all|oof|autoreply/i.test(text(header("x-auto-response-suppress")))) return true;
  if (header("x-autoreply") !== undefined || header("x-autorespond") !== undefined) return true;
  if (header("list-id") !== undefined || header("list-unsubscribe") !== undefined) return true;
  // A bounce has an empty envelope sender (RFC 5321 §4.5.5) and usually a delivery report.
  const returnPath = header("return-path");
  if (returnPath !== undefined && !text(returnPath).includes("@")) return true;
  if (/multipart\/report/i.test(contentType)) return true;
  return /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@/i.test(from);
}
