import type { FastifyReply } from "fastify";
import type { StoredFile } from "../db/repositories/attachment.repository.js";

/**
 * Sends an uploaded file for download, never to be shown in place: the name as uploaded (RFC 5987,
 * so Vietnamese letters survive), and no sniffing — the declared type is the only one the browser
 * may take, whatever the bytes look like.
 */
export function sendDownload(reply: FastifyReply, file: StoredFile) {
  return reply
    .header("content-type", file.mimeType)
    .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header("x-content-type-options", "nosniff")
    .send(file.content);
}
