import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor } from "../client.js";
import { allRows, oneRow, selectValue } from "../queries.js";

/** Remembers a Message-ID so replies that cite it thread onto the request. */
export async function recordMailMessage(
  db: Executor,
  messageId: string,
  requestId: string,
  direction: "in" | "out",
): Promise<void> {
  await db.execute(
    sql`insert into mail_messages (message_id, request_id, direction) values (${messageId}, ${requestId}, ${direction})
        on conflict (message_id) do nothing`,
  );
}

/** The code of the request one of these Message-IDs belongs to, newest first. */
export async function findCodeByMessageIds(db: Executor, messageIds: string[]): Promise<string | null> {
  if (messageIds.length === 0) return null;
  const list = sql.join(
    messageIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const code = await selectValue(
    db,
    "code",
    z.string(),
    sql`select r.code from mail_messages m join requests r on r.id = m.request_id
        where m.message_id in (${list}) order by m.created_at desc limit 1`,
  );
  return code ?? null;
}

/** Message-IDs of the request's mails, oldest first, for In-Reply-To and References. */
export const listMailThread = allRows(
  z.object({ message_id: z.string(), direction: z.enum(["in", "out"]) }),
  (
    requestId: string,
    limit = 20,
  ) => sql`select message_id, direction from (select message_id, direction, created_at from mail_messages
        where request_id = ${requestId} order by created_at desc limit ${limit}) t order by created_at`,
);

export const mailCursorRow = z.object({
  account: z.string(),
  mailbox: z.string(),
  uid_validity: z.string(),
  last_uid: col.number,
  last_seen_at: col.nullableTimestamp,
});
export type MailCursorRow = z.infer<typeof mailCursorRow>;

export const findMailCursor = oneRow(
  mailCursorRow,
  (account: string, mailbox: string) =>
    sql`select * from mail_cursors where account = ${account} and mailbox = ${mailbox}`,
);

export async function saveMailCursor(
  db: Executor,
  c: { account: string; mailbox: string; uidValidity: string; lastUid: number; lastSeenAt: Date | null },
): Promise<void> {
  await db.execute(
    sql`insert into mail_cursors (account, mailbox, uid_validity, last_uid, last_seen_at, updated_at)
        values (${c.account}, ${c.mailbox}, ${c.uidValidity}, ${c.lastUid}, ${c.lastSeenAt?.toISOString() ?? null}, now())
        on conflict (account, mailbox) do update set uid_validity = excluded.uid_validity, last_uid = excluded.last_uid,
          last_seen_at = coalesce(excluded.last_seen_at, mail_cursors.last_seen_at), updated_at = now()`,
  );
}
