import { AppError } from "../../shared/errors.js";
import { normalizeText, REDACTION_MARK, type RedactedSpan } from "../../shared/redaction.js";
import { assertNoPersonalData } from "../domain/personal-data.js";
import { assertRedactionOnly, isPublished } from "../domain/publication.js";
import { publishAttachments } from "./answer-attachments.js";
import { onPublished } from "./obligation-lifecycle.js";
import type { Handlers } from "./request-steps.js";

/*
 * The answer on the portal (Art. 12, 13, 14.7): published by whoever answered, redacted for personal
 * data only, taken down by the coordinator; and the request closed.
 */
export const publicationHandlers: Handlers<"publish" | "takedown" | "close"> = {
  // Art. 12, 14.7: whoever answered publishes (checked in act, permissionOn); the texts are the
  // requester's question and that answer, redacted for personal data only.
  async publish(s, body) {
    const answer = s.answer;
    if (!answer) throw new AppError("INVALID_TRANSITION", "Yêu cầu chưa có kết quả trả lời để công khai.");
    const question = normalizeText(body.publicQuestion ?? s.row.content);
    const text = normalizeText(body.publicAnswer ?? answer.body);
    const redactions = {
      publicQuestion: assertRedactionOnly("publicQuestion", s.row.content, question),
      publicAnswer: assertRedactionOnly("publicAnswer", answer.body, text),
    };
    // Art. 12, R-PU1: the published text carries nobody's personal data; what the publisher
    // confirms is not personal is recorded in the event, with who confirmed it (issue 13).
    const confirmedNotPersonal = assertNoPersonalData(
      { publicQuestion: question, publicAnswer: text },
      {
        fullName: s.row.requester_name,
        phone: s.row.requester_phone,
        email: s.row.requester_email,
        address: s.row.requester_address,
      },
      { confirmed: body.confirmedNotPersonal },
    );
    // Issue 19: its public attachments go out with it, each confirmed checked by the publisher.
    const files = await publishAttachments(s, answer.id, body.attachmentsChecked);
    await onPublished(s.obligations, s.row.id, s.now);
    const agencyName = s.row.answering_agency_name ?? "Tổng đài 1022";
    // The history keeps the redaction as a diff: each hidden span, before and after.
    const diff = (spans: RedactedSpan[]) =>
      spans.map((r) => ({ start: r.start, end: r.end, before: r.text, after: REDACTION_MARK }));
    return {
      patch: {
        publicQuestion: question,
        publicAnswer: text,
        publishedAt: s.now,
        takenDownAt: null,
        takedownReason: null,
      },
      data: {
        answerId: answer.id,
        publicId: s.row.public_id,
        onPortal: s.row.publish_consent,
        redactions: {
          publicQuestion: diff(redactions.publicQuestion),
          publicAnswer: diff(redactions.publicAnswer),
        },
        ...(confirmedNotPersonal.length > 0 ? { confirmedNotPersonal } : {}),
        ...files,
      },
      // Without the requester's consent nothing goes on the portal, so the history must not say so;
      // the requester still receives the answer.
      publicNote: s.row.publish_consent
        ? `Kết quả trả lời đã được công khai (${agencyName} chịu trách nhiệm về nội dung trả lời).`
        : null,
      notify: {
        kind: "answer_published",
        text: `Kết quả trả lời yêu cầu ${s.row.code}:\n${text}\n— ${agencyName}`,
      },
    };
  },
  // Art. 13: the coordinator takes the answer off the portal; the reason stays in the record.
  async takedown(s, body) {
    if (!isPublished(s.row)) {
      throw new AppError(
        "INVALID_TRANSITION",
        "Kết quả trả lời của yêu cầu này không có trên Cổng thông tin.",
      );
    }
    return {
      patch: { takenDownAt: s.now, takedownReason: body.reason, closedAt: null },
      data: { reason: body.reason, publicId: s.row.public_id },
      publicNote: s.row.publish_consent ? "Kết quả trả lời tạm gỡ khỏi Cổng thông tin để rà soát lại." : null,
    };
  },
  async close(s) {
    return { patch: { closedAt: s.now } };
  },
};
