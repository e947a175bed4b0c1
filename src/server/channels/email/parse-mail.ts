import { createHash } from "node:crypto";
import { type ParsedMail, simpleParser } from "mailparser";
import type { IntakeInput } from "../channel.js";
import { codeFromMessageIds, codeFromSubject, isAutomatedMail } from "./mail-headers.js";

export interface ParsedInbound {
  intake: IntakeInput;
  messageId: string;
  /** Message-IDs this mail cites, newest last: our lookup table maps them to a request. */
  citedIds: string[];
}

const MAX_CONTENT = 20_000;

function bodyText(mail: ParsedMail): string {
  const text = mail.text?.trim();
  if (text) return text;
  // HTML-only mail: strip tags for the request text; the original stays in the mailbox.
  const html = typeof mail.html === "string" ? mail.html : "";
  return html
    .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Turns one raw RFC 5322 message into intake input: identity, content, thread, attachments. */
export async function parseInboundMail(source: Buffer, fallbackDate: Date): Promise<ParsedInbound | null> {
  const mail = await simpleParser(source, { skipImageLinks: true });
  const sender = mail.from?.value[0];
  const address = sender?.address?.trim().toLowerCase();
  if (!address) return null;
  // A mail without Message-ID still needs a stable dedupe key: the digest of its bytes.
  const messageId = mail.messageId ?? `<sha256-${createHash("sha256").update(source).digest("hex")}@local>`;
  const references = typeof mail.references === "string" ? [mail.references] : (mail.references ?? []);
  const citedIds = [...references, ...(mail.inReplyTo ? [mail.inReplyTo] : [])];
  const subject = mail.subject?.trim() ?? "";
  const body = bodyText(mail);
  const content = (
    subject && !body.startsWith(subject)
      ? `${subject}\n\n${body}`
      : body || subject || "(thư không có nội dung)"
  ).slice(0, MAX_CONTENT);
  const contentType = String(
    (mail.headers.get("content-type") as { value?: string } | undefined)?.value ?? "",
  );
  const automated = isAutomatedMail((name) => mail.headers.get(name), address, contentType);
  return {
    messageId,
    citedIds,
    intake: {
      channel: "email",
      externalRef: messageId,
      identity: { externalId: address, email: address, displayName: sender?.name || null },
      content,
      receivedAt: mail.date ?? fallbackDate,
      threadCode: codeFromMessageIds(citedIds) ?? codeFromSubject(subject),
      attachments: mail.attachments
        .filter((a) => a.contentDisposition !== "inline" || !a.related)
        .map((a) => ({
          filename: a.filename ?? "tep-dinh-kem",
          mimeType: a.contentType || "application/octet-stream",
          content: a.content,
        })),
      suppressAcknowledgement: automated,
    },
  };
}
