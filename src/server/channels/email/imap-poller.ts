import { ImapFlow } from "imapflow";
import type { AppContext } from "../../context.js";
import {
  findCodeByMessageIds,
  findMailCursor,
  recordMailMessage,
  saveMailCursor,
} from "../../db/repositories/mail.repository.js";
import { errorText, type IntakeFn } from "../channel.js";
import { emailSettings } from "../settings.js";
import { parseInboundMail } from "./parse-mail.js";

/** What a pass did; `elsewhere` when another server process holds the mailbox (the lease). */
export type PollResult = { fetched: number; taken: number; elsewhere?: true };

export interface ImapPoller {
  /** One pass over new mail; resolves when every fetched mail is committed or the pass stopped. */
  pollOnce(): Promise<PollResult>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ImapPollerOptions {
  /** Fallback poll when IDLE notifications stop arriving (IDLE sessions can drop silently). */
  pollIntervalMs?: number;
  batchSize?: number;
  /**
   * Several server processes on one database (issue 15): only the holder of this lease polls and
   * keeps an IMAP session; the others skip their passes and hold no connection. Renewed on every
   * pass, released on stop (jobs/scheduled.ts, createJobLease). Without one, every pass polls.
   */
  lease?: { hold(): Promise<boolean>; release(): Promise<void> };
}

/** After a UIDVALIDITY change, re-scan from a day before the last mail seen; intake dedupes the rest. */
const RESCAN_MARGIN_MS = 24 * 3600_000;

function parseImapUrl(url: string) {
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  const user = decodeURIComponent(u.username);
  const mailbox = decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX";
  const port = Number(u.port || (secure ? 993 : 143));
  return {
    host: u.hostname,
    port,
    secure,
    auth: { user, pass: decodeURIComponent(u.password) },
    mailbox,
    // The cursor key names the account without its password.
    account: `${user}@${u.hostname}:${port}`,
  };
}

/**
 * Email in (R-CH3): polls one mailbox with IMAP, IDLE for prompt delivery plus a timer as fallback.
 * The cursor (UIDVALIDITY, last UID) advances only after a mail is committed, so a crash re-reads
 * at most the mails in flight, and intake's Message-ID dedupe makes that harmless.
 */
export function createImapPoller(
  ctx: AppContext,
  intake: IntakeFn,
  options: ImapPollerOptions = {},
): ImapPoller {
  const pollIntervalMs = options.pollIntervalMs ?? 60_000;
  const batchSize = options.batchSize ?? 50;
  let client: ImapFlow | null = null;
  let running: Promise<PollResult> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  async function connect(url: string, mailbox: string): Promise<ImapFlow> {
    if (client?.usable) return client;
    const c = parseImapUrl(url);
    const next = new ImapFlow({
      host: c.host,
      port: c.port,
      secure: c.secure,
      auth: c.auth,
      logger: false,
      // IDLE soon after each pass (the library waits 15 s by default): new mail arrives within a second.
      autoIdleDelay: 1_000,
      // Restart IDLE periodically: some servers and middleboxes drop a long IDLE silently.
      maxIdleTime: 5 * 60_000,
    });
    next.on("error", (error: unknown) => ctx.logger.warn({ err: errorText(error) }, "imap connection error"));
    next.on("close", () => {
      if (client === next) client = null;
    });
    // New mail while idling: poll at once instead of waiting for the timer.
    next.on("exists", () => {
      if (!stopped) void poll().catch(() => undefined);
    });
    await next.connect();
    await next.mailboxOpen(mailbox);
    client = next;
    return next;
  }

  async function disconnect(): Promise<void> {
    const c = client;
    client = null;
    if (c?.usable) await c.logout().catch(() => undefined);
  }

  async function pass(): Promise<PollResult> {
    const settings = await emailSettings(ctx.db, ctx.config);
    if (!settings.enabled || !settings.imapUrl) return { fetched: 0, taken: 0 };
    if (options.lease && !(await options.lease.hold())) {
      // Another process polls this mailbox: no second session, no second IDLE.
      await disconnect();
      return { fetched: 0, taken: 0, elsewhere: true };
    }
    const target = parseImapUrl(settings.imapUrl);
    const imap = await connect(settings.imapUrl, target.mailbox);
    const lock = await imap.getMailboxLock(target.mailbox);
    const mails: { uid: number; source: Buffer; date: Date }[] = [];
    let validity: string;
    let cursor = await findMailCursor(ctx.db, target.account, target.mailbox);
    try {
      // The session's view of the mailbox only learns of mail appended elsewhere at a sync point.
      await imap.noop();
      const box = imap.mailbox;
      if (!box) throw new Error("mailbox not selected");
      validity = String(box.uidValidity);
      let uids: number[];
      if (!cursor || cursor.uid_validity !== validity) {
        // New mailbox or UIDVALIDITY changed: every stored UID is meaningless now (RFC 3501 §2.3.1.1).
        const since = cursor?.last_seen_at
          ? new Date(cursor.last_seen_at.getTime() - RESCAN_MARGIN_MS)
          : null;
        uids = (await imap.search(since ? { since } : { all: true }, { uid: true })) || [];
        if (cursor) ctx.logger.warn({ mailbox: target.mailbox }, "UIDVALIDITY changed; mailbox re-scanned");
        await saveMailCursor(ctx.db, {
          account: target.account,
          mailbox: target.mailbox,
          uidValidity: validity,
          lastUid: 0,
          lastSeenAt: null,
        });
        cursor = await findMailCursor(ctx.db, target.account, target.mailbox);
      } else {
        // "n:*" always returns the last mail even when its UID is below n: filter again below.
        uids = (await imap.search({ uid: `${cursor.last_uid + 1}:*` }, { uid: true })) || [];
      }
      const lastUid = cursor?.last_uid ?? 0;
      const wanted = uids
        .filter((u) => u > lastUid)
        .sort((a, b) => a - b)
        .slice(0, batchSize);
      if (wanted.length > 0) {
        for await (const msg of imap.fetch(
          wanted,
          { uid: true, source: true, internalDate: true },
          { uid: true },
        )) {
          if (!msg.source || msg.uid <= lastUid) continue;
          const date = msg.internalDate instanceof Date ? msg.internalDate : ctx.clock.now();
          mails.push({ uid: msg.uid, source: msg.source, date });
        }
      }
    } finally {
      lock.release();
    }
    mails.sort((a, b) => a.uid - b.uid);
    let taken = 0;
    for (const mail of mails) {
      const parsed = await parseInboundMail(mail.source, mail.date).catch((error: unknown) => {
        ctx.logger.warn({ uid: mail.uid, err: errorText(error) }, "unreadable mail skipped");
        return null;
      });
      if (parsed) {
        const known = await findCodeByMessageIds(ctx.db, parsed.citedIds);
        const result = await intake({
          ...parsed.intake,
          threadCode: known ?? parsed.intake.threadCode ?? null,
        });
        await recordMailMessage(ctx.db, parsed.messageId, result.requestId, "in");
        taken++;
      }
      await saveMailCursor(ctx.db, {
        account: target.account,
        mailbox: target.mailbox,
        uidValidity: validity,
        lastUid: mail.uid,
        lastSeenAt: mail.date,
      });
    }
    return { fetched: mails.length, taken };
  }

  /** Passes never overlap: an IDLE notification during a pass waits for it, then runs once more. */
  function poll(): Promise<PollResult> {
    const previous = running ?? Promise.resolve<PollResult>({ fetched: 0, taken: 0 });
    const next = previous.catch(() => undefined).then(() => pass());
    running = next;
    void next
      .finally(() => {
        if (running === next) running = null;
      })
      .catch(() => undefined);
    return next;
  }

  return {
    pollOnce: poll,
    async start() {
      stopped = false;
      const tick = () => {
        poll()
          .catch((error: unknown) => ctx.logger.warn({ err: errorText(error) }, "imap poll failed"))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, pollIntervalMs);
          });
      };
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
      await disconnect();
      // A drain hands the mailbox over at once: the next process to tick takes it.
      await options.lease
        ?.release()
        .catch((error: unknown) =>
          ctx.logger.warn({ err: errorText(error) }, "imap lease not released; it expires by itself"),
        );
    },
  };
}
