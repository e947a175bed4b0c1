import { invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { Channel } from "../../shared/request-status.js";
import type { Executor } from "../db/client.js";
import { insertAttachment, type StoredFile } from "../db/repositories/attachment.repository.js";
import { type IntakeRow, insertIntake, type RequestContact } from "../db/repositories/intake.repository.js";
import { insertLink } from "../db/repositories/mass-event.repository.js";
import { setKbSuggestions } from "../db/repositories/request.repository.js";
import { completenessOf } from "../domain/completeness.js";
import { type SuggestionCandidate, suggestionsText } from "../domain/kb/suggestions.js";
import { massEventAckText } from "../domain/mass-event-ack.js";
import { normalizePhone } from "../domain/phone.js";
import { newRequestCode } from "../domain/request-code.js";
import { acknowledgementText, followLink, newFollowSecret } from "./follow-link.js";
import { findStoredResponse, type IdempotencyRequest, IdempotentReplay } from "./idempotency.js";

/** 400 naming the input `field`: the field (lĩnh vực) it names does not exist or is retired. */
export const unknownField = () =>
  invalidField("field", "Lĩnh vực không tồn tại hoặc đã ngừng sử dụng.", {
    code: "unknown_field",
    summary: "Lĩnh vực không hợp lệ.",
  });

export interface RecordInput {
  channel: Channel;
  receivedAt: Date;
  /**
   * An existing requester (staff desk, channels) or one to find by phone, else create (portal).
   * Either way `contact` is what this request was given with: the request keeps it as its own
   * snapshot, and a found requester's stored details are never changed (issue 13).
   */
  requester: { id: string } | { byPhone: string };
  contact: RequestContact;
  content: string;
  fieldCode?: string | null;
  urgency?: "normal" | "urgent";
  publishConsent?: boolean;
  operator?: Actor | null;
  /** Who the event log names when no staff member acts: "Cổng thông tin", "Zalo", … */
  actorLabel?: string;
  externalRef?: string | null;
  call?: { callId?: string; startedAt?: string; endedAt?: string; recordingUrl?: string } | null;
  attachments?: StoredFile[];
  /** Where the acknowledgement goes (the intake knows: the channel identity, or an email); none → the portal. */
  notifyTargets: { channel: string; recipient: string }[];
  acknowledge?: boolean;
  /** PUBLIC_URL: the follow link in the acknowledgement starts with it. */
  publicUrl: string;
  /**
   * Published Q&A answers confident enough to send with the acknowledgement (issue 16, chat and
   * email only): in its text, in the "received" event, and counted on the request for the reports.
   */
  suggestions?: readonly SuggestionCandidate[];
  /**
   * The mass event on now the message matches (issue 19, chat and email only): linked with the
   * request, its prepared answer sent in the acknowledgement instead of Q&A suggestions.
   */
  massEvent?: { id: string; title: string; answer: string; score: number } | null;
  /** Recorded in the "received" event: who filed it for the requester (an Open311 integrator, issue 17). */
  origin?: Record<string, unknown>;
  /**
   * The client's Idempotency-Key (issue 15) and the response to store for it, given the code drawn:
   * stored with the request, atomically. A key already held throws IdempotentReplay.
   */
  idempotency?:
    | (IdempotencyRequest & { at: Date; respond(code: string): { status: number; body: unknown } })
    | null;
}

/**
 * Records a new request (Art. 9.1, R-IN1): the one place every channel — operator desk, portal,
 * email, Zalo, Facebook — creates requests, so each gets a code, completeness hints (Art. 7), a
 * first event and an acknowledgement with its code (R-IN5) the same way. With attachments, call it
 * inside a transaction; without, it is a single atomic statement.
 */
export async function recordRequest(
  db: Executor,
  input: RecordInput,
): Promise<{ id: string; code: string; eventId: number }> {
  const completeness = completenessOf({
    fullName: input.contact.fullName,
    address: input.contact.address,
    phone: input.contact.phone,
    content: input.content,
    fieldId: input.fieldCode ? 0 : null,
  });
  const contact = {
    ...input.contact,
    phone: input.contact.phone ? (normalizePhone(input.contact.phone) ?? input.contact.phone) : null,
  };
  const requester: IntakeRow["requester"] =
    "byPhone" in input.requester
      ? {
          byPhone: {
            kind: contact.kind,
            fullName: contact.fullName,
            phone: normalizePhone(input.requester.byPhone) ?? input.requester.byPhone,
            address: contact.address,
            email: contact.email,
          },
        }
      : { id: input.requester.id };
  const follow = newFollowSecret();
  // Where the acknowledgement goes; a portal requester without an email has nowhere (its text is
  // then not written at all: it would go in no outbox row).
  const targets = input.acknowledge === false ? [] : input.notifyTargets;
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newRequestCode(input.receivedAt);
    const text =
      targets.length === 0
        ? ""
        : acknowledgementText(code, {
            channel: input.channel,
            hasPhone: contact.phone !== null,
            hasEmail: contact.email !== null,
            link: followLink(input.publicUrl, follow.secret),
            suggestions: input.massEvent
              ? massEventAckText(input.massEvent, input.publicUrl)
              : suggestionsText(input.suggestions ?? [], input.publicUrl),
          });
    const idem = input.idempotency;
    const answer = idem?.respond(code);
    const result = await insertIntake(db, {
      idempotency: idem && answer ? { ...idem, status: answer.status, response: answer.body } : null,
      code,
      channel: input.channel,
      receivedAt: input.receivedAt,
      requester,
      contact,
      followSecretHash: follow.hash,
      content: input.content,
      fieldCode: input.fieldCode ?? null,
      urgency: input.urgency ?? "normal",
      operatorId: input.operator?.userId ?? null,
      completeness,
      publishConsent: input.publishConsent ?? true,
      externalRef: input.externalRef ?? null,
      call: input.call ?? null,
      event: {
        actorId: input.operator?.userId ?? null,
        actorLabel: input.operator?.fullName ?? input.actorLabel ?? "Hệ thống",
        data: {
          channel: input.channel,
          completeness,
          attachments: input.attachments?.length ?? 0,
          ...(input.suggestions?.length ? { kbSuggestions: input.suggestions.map((x) => x.id) } : {}),
          ...(input.massEvent ? { massEventId: input.massEvent.id } : {}),
          ...input.origin,
        },
        publicNote: "Tổng đài 1022 đã tiếp nhận yêu cầu.",
      },
      outbox: targets.map((t) => ({
        ...t,
        kind: "acknowledgement",
        subject: `[${code}] Tổng đài 1022`,
        body: text,
      })),
    });
    if (result.outcome === "unknown_field") {
      throw unknownField();
    }
    if (result.outcome === "code_taken") continue;
    if (result.outcome === "key_taken" && idem) {
      // Another statement stored this key (we waited for it): answer as it was answered.
      const stored = await findStoredResponse(db, idem, idem.at);
      if (stored) throw new IdempotentReplay(stored);
      continue;
    }
    if (result.outcome === "key_taken") continue;
    for (const file of input.attachments ?? []) await insertAttachment(db, result.id, file);
    if (input.suggestions?.length) await setKbSuggestions(db, result.id, input.suggestions.length);
    if (input.massEvent)
      await insertLink(db, {
        requestId: result.id,
        massEventId: input.massEvent.id,
        score: input.massEvent.score,
        at: input.receivedAt,
      });
    return { id: result.id, code, eventId: result.eventId };
  }
  throw new Error("could not draw a free request code");
}
