import type { PublicAnswerAttachment } from "../../../../shared/schemas/answer-attachments.js";
import { type Html, html } from "../html.js";

const kinds: Record<string, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "Ảnh JPG",
  "image/png": "Ảnh PNG",
  "image/webp": "Ảnh WebP",
};

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Issue 19: the files published with an answer (official letter, photos), each a download link. */
export function attachmentList(files: readonly PublicAnswerAttachment[] | undefined): Html | "" {
  if (!files?.length) return "";
  return html`<h3 id="tep-dinh-kem">Tệp đính kèm câu trả lời</h3>
<ul class="attachments" aria-labelledby="tep-dinh-kem">${files.map(
    (f) =>
      html`<li><a href="${f.url}" download>${f.filename}</a> <span class="muted">(${kinds[f.mimeType] ?? "Tệp"}, ${size(f.sizeBytes)})</span></li>`,
  )}</ul>`;
}
