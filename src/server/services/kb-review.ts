import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { KbDiff, KbEntry, KbVersion } from "../../shared/schemas/kb.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import {
  agencyEmail,
  findVersion,
  type KbContent,
  type KbEntryRow,
  setVersionState,
  updateEntry,
} from "../db/repositories/kb.repository.js";
import { enqueueOutbox } from "../db/repositories/outbox.repository.js";
import { diffVersions } from "../domain/kb/diff.js";
import { kbStatusOf, nextKbStage } from "../domain/kb/workflow.js";
import { assertNoPersonalData, type ConfirmedHit } from "../domain/personal-data.js";
import { htmlToText } from "../domain/search/normalize.js";
import { authorize } from "../policies/authorize.js";
import { loadEntry, moveEntry, pendingOf, recordMove, stageOfRow } from "./kb-moves.js";
import { presentVersion } from "./kb-present.js";

const diffFields = [
  "question",
  "answerHtml",
  "fieldCode",
  "agencyId",
  "legalSources",
  "keywords",
  "effectiveFrom",
  "effectiveUntil",
] as const;

/** Tells the owning agency the outcome of a review (R-KB1), through the outbox. */
async function notifyAgency(tx: Executor, row: KbEntryRow, eventId: number, outcome: string, text: string) {
  if (!row.agency_id) return;
  const email = await agencyEmail(tx, row.agency_id);
  if (!email) return;
  await enqueueOutbox(tx, {
    requestId: null,
    eventId,
    channel: "email",
    recipient: email,
    kind: `kb_${outcome}`,
    subject: `[Tổng đài 1022] Bộ câu hỏi – trả lời: ${text}`,
    body: `${text}\n\nCâu hỏi: ${row.question}`,
    dedupeKey: `kb:${row.id}:${eventId}`,
  });
}

/**
 * The administrator's side of the Q&A workflow (Art. 15.3; R-KB1): review the diff of a proposal,
 * publish it, reject it with a reason the agency is told, or archive the entry. The agencies' side
 * (drafts, edits, proposals) is kb-workflow.service.ts; both move entries through kb-moves.ts.
 */
export function createKbReview(ctx: AppContext) {
  return {
    /** The proposal against the published version, attribute by attribute (R-KB1). */
    async reviewEntry(actor: Actor | null, id: string): Promise<KbDiff> {
      authorize(actor, "kb.review");
      const row = await loadEntry(ctx.db, id);
      nextKbStage(stageOfRow(row), "review");
      const proposed = await findVersion(ctx.db, id, pendingOf(row));
      const published =
        row.published_version === null ? undefined : await findVersion(ctx.db, id, row.published_version);
      if (!proposed) throw new AppError("NOT_FOUND");
      const a = published ? presentVersion(published) : null;
      const b = presentVersion(proposed);
      return { published: a, proposed: b, changes: diffVersions<KbVersion>(a, b, diffFields) };
    },

    /**
     * Publishes the pending version. Its question and answer carry nobody's personal data
     * (issue 13): findings refuse it (400 PERSONAL_DATA) unless the administrator confirms them,
     * and the confirmations are recorded in the event with who confirmed them.
     */
    async publishEntry(
      actor: Actor | null,
      id: string,
      note?: string,
      confirmed?: readonly ConfirmedHit[],
    ): Promise<KbEntry> {
      const me = authorize(actor, "kb.review");
      return moveEntry(ctx, me, id, "publish", async (m) => {
        const { tx, row, at } = m;
        const v = await findVersion(tx, id, pendingOf(row));
        if (!v) throw new AppError("NOT_FOUND");
        const content: KbContent = {
          question: v.question,
          answerHtml: v.answer_html,
          answerText: htmlToText(v.answer_html),
          fieldId: v.field_id,
          agencyId: v.agency_id,
          legalSources: v.legal_sources,
          keywords: v.keywords,
          effectiveFrom: v.effective_from,
          effectiveUntil: v.effective_until,
        };
        const confirmedNotPersonal = assertNoPersonalData(
          { question: content.question, answer: content.answerText },
          null,
          { confirmed },
        );
        if (row.published_version !== null)
          await setVersionState(tx, id, row.published_version, "superseded");
        await setVersionState(tx, id, v.version, "published", { by: me.userId, at, note: note ?? null });
        await updateEntry(tx, id, {
          content,
          status: kbStatusOf(m.to),
          publishedVersion: v.version,
          pendingVersion: null,
          at,
        });
        const event = await recordMove(m, me, "kb_entry.published", {
          version: v.version,
          agencyId: row.agency_id,
          note: note ?? null,
          ...(confirmedNotPersonal.length > 0 ? { confirmedNotPersonal } : {}),
        });
        const text = "Đề xuất đã được duyệt và công bố.";
        await notifyAgency(tx, { ...row, question: v.question }, event.id, "published", text);
      });
    },

    /** Rejected with a reason the agency is told (R-KB1); a new entry goes back to draft. */
    async rejectEntry(actor: Actor | null, id: string, reason: string): Promise<KbEntry> {
      const me = authorize(actor, "kb.review");
      return moveEntry(ctx, me, id, "reject", async (m) => {
        const pending = pendingOf(m.row);
        await setVersionState(m.tx, id, pending, "rejected", { by: me.userId, at: m.at, note: reason });
        await updateEntry(m.tx, id, { status: kbStatusOf(m.to), pendingVersion: null, at: m.at });
        const event = await recordMove(m, me, "kb_entry.rejected", {
          version: pending,
          reason,
          agencyId: m.row.agency_id,
        });
        await notifyAgency(m.tx, m.row, event.id, "rejected", `Đề xuất không được duyệt. Lý do: ${reason}`);
      });
    },

    async archiveEntry(actor: Actor | null, id: string, note?: string): Promise<KbEntry> {
      const me = authorize(actor, "kb.review");
      return moveEntry(ctx, me, id, "archive", async (m) => {
        if (m.row.pending_version !== null)
          await setVersionState(m.tx, id, m.row.pending_version, "superseded");
        await updateEntry(m.tx, id, { status: kbStatusOf(m.to), pendingVersion: null, at: m.at });
        await recordMove(m, me, "kb_entry.archived", { note: note ?? null });
      });
    },
  };
}
