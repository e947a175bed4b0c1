import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../../shared/errors.js";
import { ATTACHMENT_LIMITS } from "../../../shared/portal.js";
import type { StoredFile } from "../../db/repositories/attachment.repository.js";
import { assertCleanInput, MAX_BODY_STRING, MAX_QUERY_VALUE, typedFormText } from "../input-hygiene.js";

const MB = ATTACHMENT_LIMITS.maxFileBytes / 1024 / 1024;
const TOO_LARGE = `Tệp đính kèm quá lớn hoặc quá nhiều: tối đa ${ATTACHMENT_LIMITS.maxFiles} tệp, mỗi tệp không quá ${MB} MB.`;
const WRONG_TYPE = "Chỉ nhận tệp ảnh JPG, PNG, WebP hoặc tệp PDF";

/** multipart/form-data for portal submissions (R-CH2); limits are enforced while streaming. */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: {
      fileSize: ATTACHMENT_LIMITS.maxFileBytes,
      files: ATTACHMENT_LIMITS.maxFiles,
      fields: 20,
      fieldSize: 20_000,
      parts: ATTACHMENT_LIMITS.maxFiles + 20,
    },
  });
}

/** Magic bytes, not the declared type, decide what a file is. */
export function sniffMimeType(b: Buffer): (typeof ATTACHMENT_LIMITS.mimeTypes)[number] | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (
    b.length >= 8 &&
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return "image/png";
  }
  if (b.length >= 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") {
    return "image/webp";
  }
  if (b.length >= 5 && b.toString("latin1", 0, 5) === "%PDF-") return "application/pdf";
  return null;
}

/** A display name only: no path, no control characters, bounded length. */
function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = Array.from(base)
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join("")
    .trim()
    .slice(0, 200);
  return cleaned || "tep-dinh-kem";
}

/** Verified uploads (magic bytes checked), stored as they are (db/repositories/attachment.repository.ts). */
const uploadsOf = new WeakMap<FastifyRequest, StoredFile[]>();
/** Text fields that are optional: an empty form control means "not given". */
const OPTIONAL = new Set(["email", "field", "kind", "captcha", "publishConsent"]);

/**
 * preValidation hook: turns a multipart submission into the same body the JSON route takes, so one
 * zod schema validates both; verified files wait in uploadsOf until the handler takes them. Nothing
 * is stored here, so a rejected file leaves no trace.
 */
export async function readMultipartBody(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const fields: Record<string, string | boolean> = {};
  const files: StoredFile[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        const content = await part.toBuffer();
        if (content.length === 0 && !part.filename) continue; // an empty file input
        assertCleanInput(part.filename, MAX_QUERY_VALUE, "attachments");
        if (part.fieldname !== "attachments") {
          throw new AppError("VALIDATION", "Tệp đính kèm phải gửi trong trường “attachments”.");
        }
        const filename = cleanFilename(part.filename);
        const mimeType = sniffMimeType(content);
        if (!mimeType)
          throw new AppError(
            "UNSUPPORTED_MEDIA_TYPE",
            `${WRONG_TYPE}: tệp “${filename}” không đúng định dạng.`,
          );
        files.push({ filename, mimeType, content });
      } else if (typeof part.value === "string") {
        // The same rules as a JSON body (input-hygiene.ts), field names included.
        assertCleanInput({ [part.fieldname]: part.value }, MAX_BODY_STRING);
        fields[part.fieldname] = typedFormText(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE" || code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT") {
      throw new AppError("PAYLOAD_TOO_LARGE", TOO_LARGE, { cause: error });
    }
    if (error instanceof AppError) throw error;
    // Busboy's "Boundary not found", "Unexpected end of form" and the like: the client's fault.
    throw new AppError("BAD_INPUT", "Biểu mẫu gửi lên bị hỏng hoặc không đầy đủ (multipart).", {
      cause: error,
    });
  }
  const body: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === "" && OPTIONAL.has(key)) continue;
    body[key] = key === "publishConsent" ? value === "true" || value === "on" : value;
  }
  request.body = body;
  uploadsOf.set(request, files);
}

/**
 * readMultipartBody as a callback-style hook: a JSON body (nearly every portal submission) passes
 * without a promise and the microtask turn Fastify gives an async hook.
 */
export function multipartBodyHook(
  request: FastifyRequest,
  _reply: unknown,
  done: (error?: Error) => void,
): void {
  if (request.isMultipart()) readMultipartBody(request).then(() => done(), done);
  else done();
}

/** The verified attachments of a multipart submission (none for a JSON one). */
export function takeUploads(request: FastifyRequest): StoredFile[] {
  return uploadsOf.get(request) ?? [];
}
