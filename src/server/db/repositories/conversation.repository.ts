import { sql } from "drizzle-orm";
import { z } from "zod";
import { channelSchema } from "../../../shared/schemas/requests.js";
import { col, type Executor, select } from "../client.js";
import { allRows, insertedRow } from "../queries.js";

/** The conversation with the requester (Art. 14.6): table request_messages, migration 0012. */

export interface NewMessage {
  requestId: string;
  direction: "in" | "out";
  channel: z.infer<typeof channelSchema>;
  /** The staff member who asked (out only). */
  authorId: string | null;
  authorLabel: string;
  body: string;
  eventId: number;
  at: Date;
}

export const messageRow = z.object({
  id: col.number,
  direction: z.enum(["in", "out"]),
  channel: channelSchema,
  author_label: z.string(),
  /** The agency of the staff member who asked, for the requester's view. */
  author_agency: z.string().nullable(),
  body: z.string(),
  created_at: col.timestamp,
});
export type MessageRow = z.infer<typeof messageRow>;

export async function insertMessage(tx: Executor, m: NewMessage): Promise<number> {
  const row = await insertedRow(
    tx,
    z.object({ id: col.number }),
    sql`insert into request_messages (request_id, direction, channel, author_id, author_label, body, event_id, created_at)
        values (${m.requestId}, ${m.direction}, ${m.channel}, ${m.authorId}, ${m.authorLabel}, ${m.body},
                ${m.eventId}, ${m.at.toISOString()})
        returning id`,
    "message",
  );
  return row.id;
}

/** The request's conversation, oldest first. */
export const listMessages = allRows(
  messageRow,
  (
    requestId: string,
  ) => sql`select m.id, m.direction, m.channel, m.author_label, a.name as author_agency, m.body, m.created_at
        from request_messages m
        left join users u on u.id = m.author_id
        left join agencies a on a.id = u.agency_id
        where m.request_id = ${requestId} order by m.id`,
);

/**
 * Ends the wait for the requester (Art. 14.6) when their reply lands; true when the request was
 * waiting. The wait starts with the question's transition (updateRequest, awaitingRequesterSince).
 */
export async function clearAwaitingRequester(tx: Executor, requestId: string): Promise<boolean> {
  // The version is not bumped: a reply changes nothing staff edit, and a focal point typing an
  // answer while it arrives must not get a conflict for it.
  const rows = await select(
    tx,
    z.object({ id: z.string() }),
    sql`update requests set awaiting_requester_since = null, updated_at = now()
        where id = ${requestId} and awaiting_requester_since is not null returning id`,
  );
  return rows.length === 1;
}
