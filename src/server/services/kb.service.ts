import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type {
  KbDiff,
  KbEntry,
  KbEntryInput,
  KbListQuery,
  KbStaffSearchHit,
  KbStatus,
  KbVersion,
} from "../../shared/schemas/kb.js";
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
import { htmlToText } from "../domain/search/normalize.js";
import { authorize } from "../policies/authorize.js";
import { presentEntry, presentVersion } from "./kb-present.js";
import { createKbSearch } from "./kb-search.service.js";

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

/**
 * The Q&A base (Art. 10.1, 14.4, 15.3; R-HA1, R-KB1): agencies propose entries and changes, an
 * administrator reviews the diff and publishes or rejects with a reason, every edit is a version,
 * every change an event; search serves staff and the public from one index.
 */
export function createKbService(ctx: AppContext) {
  const search = createKbSearch(ctx);

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

  /** Tells the owning agency the outcome of a review (R-KB1), through the outbox (STYLE 9). */
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

  const service = {
    search,

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
    async createEntry(actor: Actor | null, input: KbEntryInput): Promise<KbEntry> {
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
          data: { version: 1 },
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
      const current = await load(ctx.db, id);
      const me = authorize(actor, "kb.propose", { agencyId: current.agency_id }, { hideExistence: true });
      const at = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        const row = await load(tx, id, true);
        if (row.version !== baseVersion) throw new AppError("CONFLICT");
        if (row.status === "archived") throw new AppError("INVALID_TRANSITION");
        // The owning agency stays unless an administrator moves the entry.
        const agencyId = me.agencyId === null ? (input.agencyId ?? row.agency_id) : row.agency_id;
        const content = await contentOf(tx, input, agencyId);
        const version = row.version + 1;
        const live = row.status === "published";
        const state = row.status === "draft" ? "draft" : "proposed";
        if (row.pending_version !== null) await setVersionState(tx, id, row.pending_version, "superseded");
        await insertVersion(tx, { ...content, entryId: id, version, state, authorId: me.userId, at });
        await updateEntry(tx, id, {
          ...(live ? {} : { content }),
          version,
          ...(state === "proposed" ? { pendingVersion: version } : {}),
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
      });
      return presentEntry(await load(ctx.db, id), me, at);
    },

    /** Draft → proposed: sent to the administrator for review (Art. 15.3). */
    async proposeEntry(actor: Actor | null, id: string): Promise<KbEntry> {
      const current = await load(ctx.db, id);
      const me = authorize(actor, "kb.propose", { agencyId: current.agency_id }, { hideExistence: true });
      const at = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        const row = await load(tx, id, true);
        if (row.status !== "draft") throw new AppError("INVALID_TRANSITION");
        await setVersionState(tx, id, row.version, "proposed");
        await updateEntry(tx, id, { status: "proposed", pendingVersion: row.version, at });
        await appendEvent(tx, {
          actor: me,
          entity: ENTITY,
          entityId: id,
          kind: "kb_entry.proposed",
          fromStatus: "draft",
          toStatus: "proposed",
          data: { version: row.version },
          at,
        });
      });
      return presentEntry(await load(ctx.db, id), me, at);
    },

    /** The proposal against the published version, attribute by attribute (R-KB1). */
    async reviewEntry(actor: Actor | null, id: string): Promise<KbDiff> {
      authorize(actor, "kb.review");
      const row = await load(ctx.db, id);
      if (row.pending_version === null)
        throw new AppError("INVALID_TRANSITION", "Mục này không có đề xuất chờ duyệt.");
      const proposed = await findVersion(ctx.db, id, row.pending_version);
      const published =
        row.published_version === null ? undefined : await findVersion(ctx.db, id, row.published_version);
      if (!proposed) throw new AppError("NOT_FOUND");
      const a = published ? presentVersion(published) : null;
      const b = presentVersion(proposed);
      return { published: a, proposed: b, changes: diffVersions<KbVersion>(a, b, diffFields) };
    },

    async publishEntry(actor: Actor | null, id: string, note?: string): Promise<KbEntry> {
      const me = authorize(actor, "kb.review");
      const at = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        const row = await load(tx, id, true);
        if (row.pending_version === null) throw new AppError("INVALID_TRANSITION");
        const v = await findVersion(tx, id, row.pending_version);
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
        if (row.published_version !== null)
          await setVersionState(tx, id, row.published_version, "superseded");
        await setVersionState(tx, id, v.version, "published", { by: me.userId, at, note: note ?? null });
        await updateEntry(tx, id, {
          content,
          status: "published",
          publishedVersion: v.version,
          pendingVersion: null,
          at,
        });
        const event = await appendEvent(tx, {
          actor: me,
          entity: ENTITY,
          entityId: id,
          kind: "kb_entry.published",
          fromStatus: row.status,
          toStatus: "published",
          data: { version: v.version, agencyId: row.agency_id, note: note ?? null },
          at,
        });
        await notifyAgency(
          tx,
          { ...row, question: v.question },
          event.id,
          "published",
          "Đề xuất đã được duyệt và công bố.",
        );
      });
      return presentEntry(await load(ctx.db, id), me, at);
    },

    /** Rejected with a reason the agency is told (R-KB1); a new entry goes back to draft. */
    async rejectEntry(actor: Actor | null, id: string, reason: string): Promise<KbEntry> {
      const me = authorize(actor, "kb.review");
      const at = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        const row = await load(tx, id, true);
        if (row.pending_version === null) throw new AppError("INVALID_TRANSITION");
        await setVersionState(tx, id, row.pending_version, "rejected", { by: me.userId, at, note: reason });
        const toStatus: KbStatus = row.status === "proposed" ? "draft" : row.status;
        await updateEntry(tx, id, { status: toStatus, pendingVersion: null, at });
        const event = await appendEvent(tx, {
          actor: me,
          entity: ENTITY,
          entityId: id,
          kind: "kb_entry.rejected",
          fromStatus: row.status,
          toStatus,
          data: { version: row.pending_version, reason, agencyId: row.agency_id },
          at,
        });
        await notifyAgency(tx, row, event.id, "rejected", `Đề xuất không được duyệt. Lý do: ${reason}`);
      });
      return presentEntry(await load(ctx.db, id), me, at);
    },

    async archiveEntry(actor: Actor | null, id: string, note?: string): Promise<KbEntry> {
      const me = authorize(actor, "kb.review");
      const at = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        const row = await load(tx, id, true);
        if (row.status === "archived") throw new AppError("INVALID_TRANSITION");
        if (row.pending_version !== null) await setVersionState(tx, id, row.pending_version, "superseded");
        await updateEntry(tx, id, { status: "archived", pendingVersion: null, at });
        await appendEvent(tx, {
          actor: me,
          entity: ENTITY,
          entityId: id,
          kind: "kb_entry.archived",
          fromStatus: row.status,
          toStatus: "archived",
          data: { note: note ?? null },
          at,
        });
      });
      return presentEntry(await load(ctx.db, id), me, at);
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

    /** Staff search (R-HA1): every status but archived unless filtered; expired only on request. */
    async searchStaff(
      actor: Actor | null,
      o: { q: string; field?: string; limit: number; statuses?: KbStatus[]; includeExpired?: boolean },
    ): Promise<KbStaffSearchHit[]> {
      authorize(actor, "kb.read");
      const statuses = new Set<KbStatus>(o.statuses ?? ["draft", "proposed", "published"]);
      return search.search({
        q: o.q,
        fieldCode: o.field,
        limit: o.limit,
        statuses,
        includeExpired: o.includeExpired ?? false,
      });
    },

    /** Public search: published and in force only (Art. 12). */
    async searchPublic(o: {
      q: string;
      field?: string;
      limit: number;
    }): Promise<Omit<KbStaffSearchHit, "status">[]> {
      const hits = await search.search({
        q: o.q,
        fieldCode: o.field,
        limit: o.limit,
        statuses: new Set(["published"]),
        includeExpired: false,
      });
      return hits.map(({ status: _status, ...hit }) => hit);
    },
  };
  return service;
}

function validation(field: string, message: string): AppError {
  return new AppError("VALIDATION", message, { details: [{ field, code: "invalid", message }] });
}

export type KbService = ReturnType<typeof createKbService>;
