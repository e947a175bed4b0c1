import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { AttachmentVisibility } from "../../../shared/schemas/answer-attachments.js";
import { col, type Executor, selectOne } from "../client.js";
import { allRows, base64Of, byteaOf, insertedId } from "../queries.js";

/**
 * The stored file (table `attachments`): a requester's upload (kind 'request', from the portal, the
 * desk or a channel) or an answer's attachment (kind 'answer', issue 19). Every file goes in and
 * comes out here — its hash, its bytea — whatever carried it.
 */

/** A file as it is stored and as it is downloaded: its name as uploaded, its declared type, its bytes. */
export interface StoredFile {
  filename: string;
  mimeType: string;
  content: Buffer;
}

/** What a list of files shows of each (requester uploads and answer attachments alike). */
export const attachmentMeta = z.object({
  id: z.string(),
  filename: z.string(),
  mime_type: z.string(),
  size_bytes: col.number,
});
export type AttachmentMeta = z.infer<typeof attachmentMeta>;

/** The columns `storedFileRow` reads, of the table aliased `a`. */
export const storedFileColumns = sql`a.filename, a.mime_type, ${base64Of(sql`a.content`)} as content`;

export const storedFileRow = z
  .object({ filename: z.string(), mime_type: z.string(), content: col.base64Bytes })
  .transform((r): StoredFile => ({ filename: r.filename, mimeType: r.mime_type, content: r.content }));

const columns = sql`request_id, filename, mime_type, size_bytes, sha256, content`;

/** Stores a file of the request; with `answer`, an answer attachment waiting for its answer. The new id. */
export async function insertAttachment(
  tx: Executor,
  requestId: string,
  file: StoredFile,
  answer?: { uploadedBy: string; visibility: AttachmentVisibility },
): Promise<string> {
  const sha256 = createHash("sha256").update(file.content).digest("hex");
  const values = sql`${requestId}, ${file.filename}, ${file.mimeType}, ${file.content.length}, ${sha256},
                     ${byteaOf(file.content)}`;
  return insertedId(
    tx,
    answer
      ? sql`insert into attachments (${columns}, kind, uploaded_by, visibility, public_id)
            values (${values}, 'answer', ${answer.uploadedBy}, ${answer.visibility},
                    substr(md5(gen_random_uuid()::text), 1, 16))
            returning id`
      : sql`insert into attachments (${columns}) values (${values}) returning id`,
    "attachment",
  );
}

/** The requester's files of a request, oldest first. */
export const listAttachments = allRows(
  attachmentMeta,
  (requestId: string) =>
    sql`select id, filename, mime_type, size_bytes from attachments
        where request_id = ${requestId} and kind = 'request' order by created_at, id`,
);

/** Any file of the request by its id, with its bytes (staff download). */
export const getAttachment = (db: Executor, requestId: string, id: string) =>
  selectOne(
    db,
    storedFileRow,
    sql`select ${storedFileColumns} from attachments a where a.request_id = ${requestId} and a.id = ${id}`,
  );
