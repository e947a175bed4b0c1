import { sql } from "drizzle-orm";
import { z } from "zod";
import { userView } from "../../../shared/schemas/admin.js";
import { col, type Executor, rowOf } from "../client.js";
import { allRows, insertedId, rowsOfKeys, textArray, uuidArray } from "../queries.js";

/** Staff's internal notes on a request (issue 19, migration 0025): never public. */
export const noteRow = z.object({
  id: z.string(),
  body: z.string(),
  author: z.string().nullable(),
  created_at: col.timestamp,
  mentions: z.array(z.object({ username: z.string(), fullName: z.string() })),
});
export type NoteRow = z.infer<typeof noteRow>;

export async function insertNote(
  tx: Executor,
  n: { requestId: string; authorId: string; body: string; mentions: string[]; at: Date },
): Promise<string> {
  return insertedId(
    tx,
    sql`insert into request_notes (request_id, author_id, body, mentions, created_at)
        values (${n.requestId}, ${n.authorId}, ${n.body}, ${uuidArray(n.mentions)}, ${n.at.toISOString()})
        returning id`,
    "note",
  );
}

/** A request's notes, oldest first, with their author and the users they mention. */
export const listNotes = allRows(
  noteRow,
  (requestId: string) => sql`select n.id, n.body, u.full_name as author, n.created_at,
               coalesce((select json_agg(json_build_object('username', m.username, 'fullName', m.full_name)
                                         order by m.username)
                         from users m where m.id = any(n.mentions)), '[]') as mentions
        from request_notes n left join users u on u.id = n.author_id
        where n.request_id = ${requestId}
        order by n.created_at, n.id`,
);

export const staffUserRow = rowOf(
  userView.pick({ id: true, username: true, fullName: true, role: true, agencyId: true }),
);
export type StaffUserRow = z.infer<typeof staffUserRow>;

/** Active users by username (the @mentions of a note). */
export const findActiveUsers = rowsOfKeys(
  staffUserRow,
  (usernames: readonly string[]) => sql`select id, username, full_name, role, agency_id from users
        where active and username = any(${textArray(usernames)})`,
);

/** Active staff who could read a request of this agency: province-wide roles and that agency's staff. */
export const listReaders = allRows(
  staffUserRow,
  (agencyId: string | null) => sql`select id, username, full_name, role, agency_id from users
        where active and role <> 'admin' and (role in ('operator', 'coordinator') or agency_id = ${agencyId})
        order by full_name, username`,
);
