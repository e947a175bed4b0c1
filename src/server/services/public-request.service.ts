import type { z } from "zod";
import { AppError, invalidField } from "../../shared/errors.js";
import { publicStatusLabels } from "../../shared/request-status.js";
import type {
  PublicRequestBody,
  PublicRequestCreated,
  PublicRequestView,
  PublishedAnswer,
  publicAnswersQuery,
} from "../../shared/schemas/requests.js";
import { formatVnIso } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import { listPublishedOf } from "../db/repositories/answer-attachment.repository.js";
import type { StoredFile } from "../db/repositories/attachment.repository.js";
import { type FollowRow, findFollowBySecretHash } from "../db/repositories/follow.repository.js";
import {
  findPublished,
  listPublished,
  type PublishedRow,
} from "../db/repositories/publication.repository.js";
import { normalizePhone } from "../domain/phone.js";
import { isPublished, publicAnswerIdPattern } from "../domain/publication.js";
import { significantWords } from "../domain/search/snippet.js";
import { presentPublicAttachment } from "./answer-attachments.js";
import { publicConversation } from "./conversation.js";
import { publicFeedbackOf } from "./feedback.service.js";
import { type FollowKey, findFollowed, followNotFound } from "./follow-key.js";
import { FOLLOW_SECRET, hashFollowSecret } from "./follow-link.js";
import {
  findStoredResponse,
  fingerprintOf,
  type IdempotencyRequest,
  IdempotentReplay,
  type StoredResponse,
} from "./idempotency.js";
import { targetsOf } from "./notify.js";
import { receiptFor } from "./receipt.js";
import { effectiveDue } from "./request.presenter.js";
import type { RequestServiceDeps } from "./request.service.js";
import { type RecordInput, recordRequest } from "./request-intake.js";

const iso = formatVnIso;

function presentPublished(r: PublishedRow): PublishedAnswer {
  return {
    id: r.public_id,
    question: r.public_question,
    answer: r.public_answer,
    field: r.field_code,
    fieldName: r.field_name,
    agency: r.agency_name ?? "Tổng đài 1022",
    agencyCode: r.agency_code,
    publishedAt: iso(r.published_at),
  };
}

export type { FollowKey } from "./follow-key.js";

/** The citizen side (R-CH2, R-IN5, R-PU1–2): submit, follow by code + phone/email or link, read answers. */
export function createPublicRequestService(ctx: AppContext, deps: RequestServiceDeps) {
  const { db } = ctx;

  /** What the requester sees of their request: status, public history, answer; no personal data. */
  function present(row: FollowRow): PublicRequestView {
    const published = isPublished({ published_at: row.published_ms, taken_down_at: row.taken_down_ms });
    const latest = row.latest_answer;
    return {
      code: row.code,
      status: row.status,
      // A merged request shows where the shared request stands once it has an answer (issue 19).
      statusText:
        publicStatusLabels[row.status === "merged" && (published || latest) ? row.answer_status : row.status],
      receivedAt: iso(row.received_ms),
      channel: row.channel,
      field: row.field_name,
      history: row.history.map((e) => ({ at: iso(e.at), text: e.text })),
      appointmentAt: row.slip_due_ms ? iso(effectiveDue(row.slip_due_ms, row.slip_appointment_ms)) : null,
      agency: row.answering_agency_name ?? row.agency_name,
      merged: row.merged_into_code !== null,
      answer:
        published && row.published_ms
          ? {
              text: row.public_answer ?? "",
              agency: row.answering_agency_name ?? "Tổng đài 1022",
              publishedAt: iso(row.published_ms),
              attachments: row.answer_attachments.map(presentPublicAttachment),
            }
          : latest && (row.answer_status === "answered" || row.answer_status === "closed")
            ? {
                text: latest.body,
                agency: latest.agency ?? "Tổng đài 1022",
                publishedAt: null,
                attachments: [],
              }
            : null,
      conversation: publicConversation(
        ctx.config,
        { code: row.code, status: row.status, awaitingReply: row.awaiting_requester },
        row.messages,
        ctx.clock.now(),
      ),
      // Issue 19: whether the satisfaction question is open, or what was given (never the comment).
      feedback: publicFeedbackOf(ctx, {
        code: row.code,
        status: row.status,
        published: published && row.published_ms !== null,
        given: row.feedback,
      }),
    };
  }

  return {
    /**
     * What an Idempotency-Key stands for (issue 15): the body without its captcha (a retry may carry
     * a fresh one) and the attachments' contents.
     */
    idempotencyOf(key: string, body: PublicRequestBody, attachments: StoredFile[] = []): IdempotencyRequest {
      const { captcha: _captcha, ...content } = body;
      return {
        scope: "public",
        key,
        bodyHash: fingerprintOf(
          content,
          attachments.map((a) => a.content),
        ),
      };
    },

    /** The first answer to this key in the last 24 hours, to send again; 409 for another body. */
    storedResponse(idem: IdempotencyRequest): Promise<StoredResponse | null> {
      return findStoredResponse(db, idem, ctx.clock.now());
    },

    /**
     * Records a citizen's request and returns the answer to send (201 with the code and the
     * receipt); under an Idempotency-Key that answer is stored with the request, and a key already
     * used replays its first answer instead of storing a second request. One path for the portal
     * form, the public API and an Open311 integrator filing for a citizen (`via`: recorded in the
     * event log, issue 17) — the same rules.
     */
    async submit(
      body: PublicRequestBody,
      attachments: StoredFile[] = [],
      options: {
        via?: { label: string; origin: Record<string, unknown> };
        idem?: IdempotencyRequest | null;
      } = {},
    ): Promise<{ replayed: true; stored: StoredResponse } | { replayed: false; body: PublicRequestCreated }> {
      const { via, idem = null } = options;
      const now = ctx.clock.now();
      const respond = (code: string) => ({
        status: 201,
        body: { code, status: "received" as const, receipt: receiptFor(ctx.config, code, now) },
      });
      const phone = normalizePhone(body.phone);
      if (!phone) {
        throw invalidField("phone", "Số điện thoại không hợp lệ.", { code: "invalid_phone", summary: null });
      }
      const input: RecordInput = {
        channel: "portal",
        receivedAt: now,
        // Grouped with earlier requests of this phone; the details are this request's own (issue 13).
        requester: { byPhone: phone },
        contact: {
          kind: body.kind ?? "person",
          fullName: body.fullName,
          phone,
          address: body.address,
          email: body.email ?? null,
          channelId: null,
        },
        content: body.content,
        fieldCode: body.field,
        publishConsent: body.publishConsent ?? true,
        actorLabel: via?.label ?? "Cổng thông tin",
        origin: via?.origin,
        attachments,
        notifyTargets: targetsOf({ channel: "portal", email: body.email ?? null, externalId: null }),
        publicUrl: ctx.config.PUBLIC_URL,
        idempotency: idem ? { ...idem, at: now, respond } : null,
      };
      // Without attachments the intake is one atomic statement; with them, one transaction.
      let created: Awaited<ReturnType<typeof recordRequest>>;
      try {
        created =
          attachments.length === 0
            ? await recordRequest(db, input)
            : await db.transaction((tx) => recordRequest(tx, input));
      } catch (error) {
        if (error instanceof IdempotentReplay) {
          return { replayed: true, stored: error.stored };
        }
        throw error;
      }
      deps.live.publish({
        requestId: created.id,
        code: created.code,
        status: "received",
        agencyId: null,
        urgency: "normal",
        kind: "received",
      });
      return { replayed: false, body: respond(created.code).body };
    },

    /** Code + the phone or email this request was given with; any mismatch is the same 404. */
    async lookup(code: string, key: FollowKey): Promise<PublicRequestView> {
      return present(await findFollowed(db, code, key));
    },

    /** The follow link of a chat or email requester (follow-link.ts): the secret alone opens it. */
    async lookupBySecret(secret: string): Promise<PublicRequestView> {
      const row = FOLLOW_SECRET.test(secret)
        ? await findFollowBySecretHash(db, hashFollowSecret(secret))
        : undefined;
      if (!row) throw followNotFound();
      return present(row);
    },

    async listAnswers(q: z.infer<typeof publicAnswersQuery>) {
      const { rows, total } = await listPublished(
        db,
        {
          words: q.q ? significantWords(q.q) : undefined,
          field: q.field,
          agency: q.agency,
          from: q.from ? new Date(`${q.from}T00:00:00+07:00`) : undefined,
          to: q.to ? new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000) : undefined,
        },
        { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      );
      return { items: rows.map(presentPublished), total, page: q.page, pageSize: q.pageSize };
    },

    /** One public answer by its public id (issue 13); a follow code finds nothing. */
    async getAnswer(publicId: string): Promise<PublishedAnswer> {
      const id = publicId.trim().toLowerCase();
      const row = publicAnswerIdPattern.test(id) ? await findPublished(db, id) : undefined;
      if (!row) throw new AppError("NOT_FOUND");
      const attachments = (await listPublishedOf(db, row.public_id)).map(presentPublicAttachment);
      return { ...presentPublished(row), attachments };
    },
  };
}
