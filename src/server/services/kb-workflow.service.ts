import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { KbDiff, KbEntry, KbEntryInput, KbListQuery, KbVersion } from "../../shared/schemas/kb.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import {
  agencyEmail,
  fieldIdByCode,
  findEntry,
  findVersion,
  flagExpired,
  insertEntry,
  insertVersion,
  type KbContent,
  type KbEntryRow,
  listEntries,
  listVersions,
  setVersionState,
  updateEntry,
} from "../db/repositories/kb.repository.js";
import { enqueueOutbox } from "../db/repositories/outbox.repository.js";
import { sanitizeAnswer } from "../domain/kb/content.js";
import { diffVersions } from "../domain/kb/diff.js";
import {
  hasProposal,
  type KbAction,
  type KbStage,
  kbStageOf,
  kbStatusOf,
  nextKbStage,
} from "../domain/kb/workflow.js";
import { assertNoPersonalData, type ConfirmedHit } from "../domain/personal-data.js";
import { htmlToText } from "../domain/search/normalize.js";
import { authorize } from "../policies/authorize.js";
import { presentEntry, presentVersion } from "./kb-present.js";

const ENTITY = "kb_entry";
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

/** The stage of a stored entry in the workflow of domain/kb/workflow.ts. */
function stageOfRow(row: Pick<KbEntryRow, "status" | "pending_version">): KbStage {
  return kbStageOf({ status: row.status, pendingVersion: row.pending_version });
}

/** The version waiting for review; the workflow has already checked that the stage has one. */
function pendingOf(row: KbEntryRow): number {
  if (row.pending_version === null)
    throw new Error(`kb entry ${row.id} (${row.status}) has no pending version`);
  return row.pending_version;
}

/** One move of an entry, as `apply` sees it: the locked row, the stages before and after, the time. */
interface Move {
  tx: Executor;
  row: KbEntryRow;
  from: KbStage;
  to: KbStage;
  at: Date;
}

/**
 * The workflow of the Q&A base (Art. 10.1, 14.4, 15.3; R-KB1): agencies write entries and
 * propose them or changes to them, an administrator reviews the diff and publishes or rejects with
 * a reason, every edit is a version, every change an event. Which move is allowed from which
 * stage is decided by the table in domain/kb/workflow.ts; search is in kb-search.service.ts.
 */
export function createKbWorkflow(ctx: AppContext) {
  async function contentOf(db: Executor, input: KbEntryInput, agencyId: string | null): Promise<KbContent> {
    let fieldId: number | null = null;
    if (input.fieldCode) {
      const id = await fieldIdByCode(db, input.fieldCode);
      if (id === undefined) throw validation("fieldCode", "Lĩnh vực không tồn tại");
      fieldId = id;
    }
    const answerHtml = sanitizeAnswer(input.answerHtml);
    const answerText = htmlToText(answerHtml);
    if (answerText.length === 0)
      throw validation("answerHtml", "Câu trả lời trống sau khi lọc nội dung không an toàn");
    return {
      question: input.question.trim(),
      answerHtml,
      answerText,
      fieldId,
      agencyId,
      legalSources: input.legalSources,
      keywords: input.keywords,
      effectiveFrom: input.effectiveFrom ? new Date(input.effectiveFrom) : null,
      effectiveUntil: input.effectiveUntil ? new Date(input.effectiveUntil) : null,
    };
  }

  async function load(db: Executor, id: string, forUpdate = false): Promise<KbEntryRow> {
    const row = await findEntry(db, id, forUpdate);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  }

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
   * Runs one move of the workflow in a transaction: locks the entry, refuses a stale edit
   * (`baseVersion`), asks the workflow table whether `action` is allowed from the entry's stage
   * (409 with the reason otherwise), then lets `apply` write versions, entry and event. Returns the
   * entry as the actor now sees it.
   */
  async function moveEntry(
    me: Actor,
    id: string,
    action: KbAction,
    apply: (m: Move) => Promise<void>,
    baseVersion?: number,
  ): Promise<KbEntry> {
    const at = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      const row = await load(tx, id, true);
      if (baseVersion !== undefined && row.version !== baseVersion) throw new AppError("CONFLICT");
      const from = stageOfRow(row);
      await apply({ tx, row, from, to: nextKbStage(from, action), at });
    });
    return presentEntry(await load(ctx.db, id), me, at);
  }

  /** The event of a move, with the statuses before and after it. */
  function recordMove(m: Move, me: Actor, kind: string, data: Record<string, unknown>) {
    return appendEvent(m.tx, {
      actor: me,
      entity: ENTITY,
      entityId: m.row.id,
      kind,
      fromStatus: m.row.status,
      toStatus: kbStatusOf(m.to),
      data,
      at: m.at,
    });
  }

  /** Agencies act on their own entries; to anyone else the entry does not exist (Art. 14.4). */
  async function ownEntry(actor: Actor | null, id: string): Promise<Actor> {
    const current = await load(ctx.db, id);
    return authorize(actor, "kb.propose", { agencyId: current.agency_id }, { hideExistence: true });
  }

  return {
    async listEntries(actor: Actor | null, q: KbListQuery): Promise<{ items: KbEntry[]; total: number }> {
      const me = authorize(actor, "kb.read");
      const now = ctx.clock.now();
      const fieldId = q.field ? await fieldIdByCode(ctx.db, q.field) : undefined;
      if (q.field && fieldId === undefined) return { items: [], total: 0 };
      const { rows, total } = await listEntries(ctx.db, {
        status: q.status,
        fieldId,
        agencyId: q.agencyId,
        needsReviewAt: q.needsReview === "true" ? now : undefined,
        offset: (q.page - 1) * q.pageSize,
        limit: q.pageSize,
      });
      return { items: rows.map((r) => presentEntry(r, me, now)), total };
    },

    async getEntry(actor: Actor | null, id: string): Promise<KbEntry> {
      const me = authorize(actor, "kb.read");
      return presentEntry(await load(ctx.db, id), me, ctx.clock.now());
    },

    /** A focal point writes a draft for their own agency; an administrator for any (Art. 14.4). */
    async createEntry(
      actor: Actor | null,
      input: KbEntryInput,
      /** Issue 19: the published request whose answer this draft starts from (kb-from-answer.ts). */
      origin?: { requestId: string; code: string },
    ): Promise<KbEntry> {
      const agencyId = input.agencyId ?? actor?.agencyId ?? null;
      const me = authorize(actor, "kb.propose", { agencyId });
      const at = ctx.clock.now();
      const id = await ctx.db.transaction(async (tx) => {
        const content = await contentOf(tx, input, agencyId);
        const entryId = await insertEntry(tx, {
          ...content,
          status: "draft",
          externalId: null,
          createdBy: me.userId,
          at,
          publishedVersion: null,
        });
        await insertVersion(tx, { ...content, entryId, version: 1, state: "draft", authorId: me.userId, at });
        await appendEvent(tx, {
          actor: me,
          entity: ENTITY,
          entityId: entryId,
          kind: "kb_entry.created",
          toStatus: "draft",
          requestId: origin?.requestId ?? null,
          data: origin ? { version: 1, fromRequest: origin.code } : { version: 1 },
          at,
        });
        return entryId;
      });
      return presentEntry(await load(ctx.db, id), me, at);
    },

    /**
     * Every edit is a new version. A draft or proposal changes in place; a published entry keeps
     * serving its published text while the change waits for review as a proposal.
     */
    async updateEntry(
      actor: Actor | null,
      id: string,
      baseVersion: number,
      input: KbEntryInput,
    ): Promise<KbEntry> {
      const me = await ownEntry(actor, id);
      return moveEntry(
        me,
        id,
        "edit",
        async ({ tx, row, from, to, at }) => {
          // The owning agency stays unless an administrator moves the entry.
          const agencyId = me.agencyId === null ? (input.agencyId ?? row.agency_id) : row.agency_id;
          const content = await contentOf(tx, input, agencyId);
          const version = row.version + 1;
          // A published entry keeps serving its published text until the change is reviewed.
          const live = kbStatusOf(from) === "published";
          const proposal = hasProposal(to);
          if (row.pending_version !== null) await setVersionState(tx, id, row.pending_version, "superseded");
          await insertVersion(tx, {
            ...content,
            entryId: id,
            version,
            state: proposal ? "proposed" : "draft",
            authorId: me.userId,
            at,
          });
          await updateEntry(tx, id, {
            ...(live ? {} : { content }),
            version,
            ...(proposal ? { pendingVersion: version } : {}),
            at,
          });
          await appendEvent(tx, {
            actor: me,
            entity: ENTITY,
            entityId: id,
            kind: live ? "kb_entry.change_proposed" : "kb_entry.edited",
            data: { version, baseVersion },
            at,
          });
        },
        baseVersion,
      );
    },

    /** Draft → proposed: sent to the administrator for review (Art. 15.3). */
    async proposeEntry(actor: Actor | null, id: string): Promise<KbEntry> {
      const me = await ownEntry(actor, id);
      return moveEntry(me, id, "propose", async (m) => {
        await setVersionState(m.tx, id, m.row.version, "proposed");
        await updateEntry(m.tx, id, { status: kbStatusOf(m.to), pendingVersion: m.row.version, at: m.at });
        await recordMove(m, me, "kb_entry.proposed", { version: m.row.version });
      });
    },

    /** The proposal against the published version, attribute by attribute (R-KB1). */
    async reviewEntry(actor: Actor | null, id: string): Promise<KbDiff> {
      authorize(actor, "kb.review");
      const row = await load(ctx.db, id);
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
      return moveEntry(me, id, "publish", async (m) => {
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
      return moveEntry(me, id, "reject", async (m) => {
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
      return moveEntry(me, id, "archive", async (m) => {
        if (m.row.pending_version !== null)
          await setVersionState(m.tx, id, m.row.pending_version, "superseded");
        await updateEntry(m.tx, id, { status: kbStatusOf(m.to), pendingVersion: null, at: m.at });
        await recordMove(m, me, "kb_entry.archived", { note: note ?? null });
      });
    },

    async listVersions(actor: Actor | null, id: string): Promise<KbVersion[]> {
      authorize(actor, "kb.read");
      await load(ctx.db, id);
      return (await listVersions(ctx.db, id)).map(presentVersion);
    },

    /**
     * Flags published entries whose effective-until date has passed (R-KB1) with one event each,
     * for a periodic job; search already stops suggesting them at that instant.
     */
    async flagExpiredEntries(): Promise<number> {
      const at = ctx.clock.now();
      return ctx.db.transaction(async (tx) => {
        const rows = await flagExpired(tx, at);
        for (const r of rows) {
          await appendEvent(tx, {
            actorLabel: "Hệ thống",
            entity: ENTITY,
            entityId: r.id,
            kind: "kb_entry.expired",
            data: { agencyId: r.agency_id },
            at,
          });
        }
        return rows.length;
      });
    },
  };
}

function validation(field: string, message: string): AppError {
  return new AppError("VALIDATION", message, { details: [{ field, code: "invalid", message }] });
}

export type KbWorkflow = ReturnType<typeof createKbWorkflow>;
