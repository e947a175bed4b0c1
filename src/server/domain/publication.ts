import { invalidField } from "../../shared/errors.js";
import { REDACTION_MARK, type RedactedSpan, redactionsOf } from "../../shared/redaction.js";

/**
 * When a request is public (Art. 12, R-PU1): its answer has been published, not taken down since,
 * AND the requester agreed to publish their question. Only then may the PII-free public copy
 * appear on the portal (answers list, answer page, the agencies offered as a filter). The
 * requester following their own request by code and phone sees the published answer whatever
 * their consent (`isPublished`).
 *
 * The same rule in SQL is `publicRequest` in db/repositories/publication.repository.ts; a test
 * checks that the two agree.
 */
export interface PublicationState {
  published_at: Date | null;
  taken_down_at: Date | null;
  publish_consent: boolean;
}

/** A public answer id (column requests.public_id, migration 0013): 16 random hex characters. */
export const publicAnswerIdPattern = /^[0-9a-f]{16}$/;

/** Published and not taken down (the coordinator's takedown keeps published_at, for the record). */
export function isPublished(r: Omit<PublicationState, "publish_consent">): boolean {
  return r.published_at !== null && r.taken_down_at === null;
}

export function isPublic(r: PublicationState): boolean {
  return isPublished(r) && r.publish_consent;
}

/**
 * Who answered, hence who publishes (Art. 8.2, 12.2, 14.7): the hotline for an answer given from
 * the Q&A base (Art. 10.1), else the agency whose answer was recorded. Null when there is no
 * answer anybody may publish. The latest answer is the one that counts.
 */
export type AnswerOwner = { kind: "hotline" } | { kind: "agency"; agencyId: string };

export function answerOwner(
  latest: { source: string; agency_id: string | null } | undefined,
): AnswerOwner | null {
  if (!latest) return null;
  if (latest.source === "kb") return { kind: "hotline" };
  if (latest.source === "agency" && latest.agency_id) return { kind: "agency", agencyId: latest.agency_id };
  return null;
}

/**
 * The spans `published` redacts from `original`, or AppError REDACTION_ONLY (400) naming the field
 * when it is anything else than the original with spans replaced by the mark (shared/redaction.ts).
 * The public question is held to the same rule as the answer: no deletions either, since deleting
 * a word can change what the requester asked.
 */
export function assertRedactionOnly(
  field: "publicQuestion" | "publicAnswer",
  original: string,
  published: string,
): RedactedSpan[] {
  const spans = redactionsOf(original, published);
  if (spans) return spans;
  const what = field === "publicAnswer" ? "câu trả lời đã ghi nhận" : "câu hỏi của người yêu cầu";
  const message = `Nội dung công khai phải giữ nguyên ${what}; chỉ được thay phần thông tin cá nhân bằng dấu ${REDACTION_MARK}.`;
  throw invalidField(field, message, { error: "REDACTION_ONLY", code: "not_a_redaction" });
}
