import { sql } from "drizzle-orm";
import { z } from "zod";
import { attachmentVisibility } from "../../../shared/schemas/answer-attachments.js";
import { col, countRow, type Executor, select, selectOne } from "../client.js";
import { oneRow, uuidArray } from "../queries.js";
import {
  attachmentMeta,
  type StoredFile,
  storedFileColumns,
  storedFileRow,
} from "./attachment.repository.js";
import { publicRequest } from "./publication.repository.js";

/**
 * Answer attachments (issue 19, migration 0030): rows of the same `attachments` table as the
 * requester's uploads, with kind 'answer'. What the public may read is decided here, in SQL: a
 * published attachment of a request whose answer is on the portal, and nothing else.
 */
export const answerAttachmentRow = attachmentMeta.extend({
  visibility: attachmentVisibility,
  answer_id: z.string().nullable(),
  uploaded_by: z.string().nullable(),
  uploader_name: z.string().nullable(),
  public_id: z.string(),
  published_at: col.timestamp.nullable(),
  created_at: col.timestamp,
});
export type AnswerAttachmentRow = z.infer<typeof answerAttachmentRow>;

const selectRows = sql`
  select a.id, a.filename, a.mime_type, a.size_bytes, a.visibility, a.answer_id, a.uploaded_by,
         u.full_name as uploader_name, a.public_id, a.published_at, a.created_at
  from attachments a left join users u on u.id = a.uploaded_by`;

/** Uploads of this user on this request still waiting for the answer form (no answer yet). */
export async function countPending(tx: Executor, requestId: string, userId: string): Promise<number> {
  const row = await selectOne(
    tx,
    countRow,
    sql`select count(*)::int as n from attachments
        where request_id = ${requestId} and kind = 'answer' and answer_id is null and uploaded_by = ${userId}`,
  );
  return row?.n ?? 0;
}

export async function listAnswerAttachments(db: Executor, requestId: string): Promise<AnswerAttachmentRow[]> {
  return select(
    db,
    answerAttachmentRow,
    sql`${selectRows} where a.request_id = ${requestId} and a.kind = 'answer' order by a.created_at, a.id`,
  );
}

export const findAnswerAttachment = oneRow(
  answerAttachmentRow,
  (requestId: string, id: string) =>
    sql`${selectRows} where a.request_id = ${requestId} and a.id = ${id} and a.kind = 'answer'`,
);

/**
 * Ties this user's pending uploads to the answer just recorded; the number tied. Another user's
 * upload, one already tied to an answer or one of another request is never tied.
 */
export async function linkToAnswer(
  tx: Executor,
  l: { requestId: string; answerId: string; uploadedBy: string; ids: readonly string[] },
): Promise<number> {
  const rows = await select(
    tx,
    z.object({ id: z.string() }),
    sql`update attachments set answer_id = ${l.answerId}
        where id = any(${uuidArray([...l.ids])}) and request_id = ${l.requestId} and kind = 'answer'
          and answer_id is null and uploaded_by = ${l.uploadedBy}
        returning id`,
  );
  return rows.length;
}

/** Making one internal also takes it off the portal at once. */
export async function setVisibility(
  tx: Executor,
  id: string,
  visibility: z.infer<typeof attachmentVisibility>,
): Promise<void> {
  await tx.execute(
    sql`update attachments set visibility = ${visibility},
               published_at = case when ${visibility} = 'public' then published_at end,
               checked_by = case when ${visibility} = 'public' then checked_by end
        where id = ${id} and kind = 'answer'`,
  );
}

export async function deletePending(tx: Executor, id: string): Promise<boolean> {
  const rows = await select(
    tx,
    z.object({ id: z.string() }),
    sql`delete from attachments where id = ${id} and kind = 'answer' and answer_id is null returning id`,
  );
  return rows.length > 0;
}

/**
 * Publication of `answerId` with its public attachments, each checked by `checkedBy`; every other
 * answer attachment of the request (an earlier answer's, an internal one) leaves the portal.
 */
export async function publishWithAnswer(
  tx: Executor,
  p: { requestId: string; answerId: string; checkedBy: string; at: Date },
): Promise<void> {
  await tx.execute(
    sql`update attachments
           set published_at = case when answer_id = ${p.answerId} and visibility = 'public' then ${p.at.toISOString()}::timestamptz end,
               checked_by = case when answer_id = ${p.answerId} and visibility = 'public' then ${p.checkedBy}::uuid end
         where request_id = ${p.requestId} and kind = 'answer'`,
  );
}

/** What the public reads of an answer attachment: its file, under its public id. */
export const publicAttachmentRow = answerAttachmentRow.pick({
  public_id: true,
  filename: true,
  mime_type: true,
  size_bytes: true,
});
export type PublicAttachmentRow = z.infer<typeof publicAttachmentRow>;

/** A request's answer is on the portal or the follow page: published and not taken down. */
const answerOut = sql`r.published_at is not null and r.taken_down_at is null`;

/** The published attachments of the public answer `answerPublicId` (the portal: consent required). */
export async function listPublishedOf(db: Executor, answerPublicId: string): Promise<PublicAttachmentRow[]> {
  return select(
    db,
    publicAttachmentRow,
    sql`select a.public_id, a.filename, a.mime_type, a.size_bytes
        from attachments a join requests r on r.id = a.request_id
        where r.public_id = ${answerPublicId} and ${publicRequest()} and a.published_at is not null
        order by a.created_at, a.id`,
  );
}

/**
 * One published attachment by its own public id, with its content, while the answer it came with
 * is out (published, not taken down). An internal, unpublished or taken-down one is not found.
 */
export async function findPublishedContent(db: Executor, publicId: string): Promise<StoredFile | undefined> {
  return selectOne(
    db,
    storedFileRow,
    sql`select ${storedFileColumns}
        from attachments a join requests r on r.id = a.request_id
        where a.public_id = ${publicId} and a.kind = 'answer' and a.visibility = 'public'
          and a.published_at is not null and ${answerOut}`,
  );
}
