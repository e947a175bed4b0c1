import type { TestAppOptions } from "../../../test/harness.js";
import { madeBeforeAll } from "../../../test/hooks.js";
import { createImapPoller } from "../email/imap-poller.js";
import { startCitizenMailbox } from "./dovecot.js";
import { useChannelTestApp } from "./kit.js";
import { startSmtpSink } from "./smtp-sink.js";

/** The mailbox the hotline reads, in the private Dovecot of an email test. */
export const MAILBOX = "Hotline";

/**
 * For an email test file: a private Dovecot with the hotline's mailbox (`mailbox.citizen` writes
 * into it as a citizen's client would), an SMTP sink, the app (with `options`) reading and sending
 * through them, and its IMAP poller, driven by hand (`poller.pollOnce()`). Ended in reverse order.
 */
export function useMailApp(options: TestAppOptions = {}) {
  const mailbox = madeBeforeAll(
    () => startCitizenMailbox(MAILBOX),
    (m) => m.close(),
  );
  const smtp = madeBeforeAll(startSmtpSink, (s) => s.close());
  const t = useChannelTestApp(() => ({
    ...options,
    IMAP_URL: mailbox.dovecot.url(MAILBOX),
    SMTP_URL: smtp.url,
  }));
  const poller = madeBeforeAll(
    async () => createImapPoller(t.ctx, t.intake, { pollIntervalMs: 600_000 }),
    (p) => p.stop(),
  );
  return { mailbox, smtp, t, poller };
}

/** A mail as a citizen's mail client would write it: plain text, or with one PNG attached. */
export function citizenMail(h: {
  from: string;
  subject: string;
  id: string;
  body: string;
  extra?: string[];
  attachment?: string;
}): string {
  const lines = [
    `From: ${h.from}`,
    "To: 1022@thanhhoa.gov.vn",
    `Subject: ${h.subject}`,
    `Message-ID: ${h.id}`,
    "Date: Mon, 02 Mar 2026 09:00:00 +0700",
    "MIME-Version: 1.0",
    ...(h.extra ?? []),
  ];
  if (!h.attachment)
    return [...lines, "Content-Type: text/plain; charset=utf-8", "", h.body, ""].join("\r\n");
  return [
    ...lines,
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "",
    h.body,
    "--b1",
    `Content-Type: image/png; name="${h.attachment}"`,
    `Content-Disposition: attachment; filename="${h.attachment}"`,
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from("fake-png-bytes").toString("base64"),
    "--b1--",
    "",
  ].join("\r\n");
}
