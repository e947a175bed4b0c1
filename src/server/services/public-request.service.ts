import type { z } from "zod";
import { AppError } from "../../shared/errors.js";
import { publicStatusLabels } from "../../shared/request-status.js";
import type {
  PublicRequestBody,
  PublicRequestView,
  PublishedAnswer,
  publicAnswersQuery,
} from "../../shared/schemas/requests.js";
import { formatVnIso } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import { listRequestEvents } from "../db/repositories/event.repository.js";
import {
  findPublished,
  listPublished,
  type PublishedRow,
} from "../db/repositories/publication.repository.js";
import { findRequestByCode } from "../db/repositories/request.repository.js";
import { findOpenSlip, listAnswers } from "../db/repositories/slip.repository.js";
import { normalizePhone } from "../domain/phone.js";
import { isPublished, publicAnswerIdPattern } from "../domain/publication.js";
import { publicConversation } from "./conversation.js";
import { targetsOf } from "./notify.js";
import { effectiveDue } from "./request.presenter.js";
import type { RequestServiceDeps } from "./request.service.js";
import { type NewAttachment, type RecordInput, recordRequest } from "./request-intake.js";

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

/** The citizen side (R-CH2, R-IN5, R-PU1–2): submit, follow by code + phone, read answers. */
export function createPublicRequestService(ctx: AppContext, deps: RequestServiceDeps) {
  const { db } = ctx;
  return {
    async submit(
      body: PublicRequestBody,
      attachments: NewAttachment[] = [],
    ): Promise<{ code: string; status: "received" }> {
      const now = ctx.clock.now();
      const phone = normalizePhone(body.phone);
      if (!phone) {
        throw new AppError("VALIDATION", undefined, {
          details: [{ field: "phone", code: "invalid_phone", message: "Số điện thoại không hợp lệ." }],
        });
      }
      const input: RecordInput = {
        channel: "portal",
        receivedAt: now,
        requester: {
          upsert: {
            kind: body.kind ?? "person",
            fullName: body.fullName,
            phone,
            address: body.address,
            email: body.email ?? null,
          },
        },
        content: body.content,
        fieldCode: body.field,
        publishConsent: body.publishConsent ?? true,
        actorLabel: "Cổng thông tin",
        attachments,
        notifyTargets: targetsOf({ channel: "portal", email: body.email ?? null, externalId: null }),
      };
      // Without attachments the intake is one atomic statement; with them, one transaction.
      const created =
        attachments.length === 0
          ? await recordRequest(db, input)
          : await db.transaction((tx) => recordRequest(tx, input));
      deps.live.publish({
        requestId: created.id,
        code: created.code,
        status: "received",
        agencyId: null,
        urgency: "normal",
        kind: "received",
      });
      return { code: created.code, status: "received" };
    },

    /** Any code/phone mismatch is the same 404, so the existence of a code is never revealed. */
    async lookup(code: string, phoneInput: string): Promise<PublicRequestView> {
      const phone = normalizePhone(phoneInput);
      const row = phone ? await findRequestByCode(db, code.trim().toUpperCase()) : undefined;
      if (!row || !phone || row.requester_phone !== phone)
        throw new AppError("NOT_FOUND", "Không tìm thấy yêu cầu với mã và số điện thoại này.");
      const [events, slip, answers, conversation] = await Promise.all([
        listRequestEvents(db, row.id),
        findOpenSlip(db, row.id),
        listAnswers(db, row.id),
        publicConversation(db, ctx.config, row, ctx.clock.now()),
      ]);
      const published = isPublished(row);
      const latest = answers[0];
      return {
        code: row.code,
        status: row.status,
        statusText: publicStatusLabels[row.status],
        receivedAt: iso(row.received_at),
        channel: row.channel,
        field: row.field_name,
        history: events
          .filter((e) => e.public_note)
          .map((e) => ({ at: iso(e.at), text: e.public_note ?? "" })),
        appointmentAt: slip ? iso(effectiveDue(slip.due_at, slip.appointment_at)) : null,
        agency: row.answering_agency_name ?? row.agency_name,
        answer: published
          ? {
              text: row.public_answer ?? "",
              agency: row.answering_agency_name ?? "Tổng đài 1022",
              publishedAt: iso(row.published_at as Date),
            }
          : latest && (row.status === "answered" || row.status === "closed")
            ? { text: latest.body, agency: latest.agency_name ?? "Tổng đài 1022", publishedAt: null }
            : null,
        conversation,
      };
    },

    async listAnswers(q: z.infer<typeof publicAnswersQuery>) {
      const { rows, total } = await listPublished(
        db,
        {
          q: q.q,
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
      return presentPublished(row);
    },
  };
}
