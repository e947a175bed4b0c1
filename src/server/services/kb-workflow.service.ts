import { invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { KbEntry, KbEntryInput, KbListQuery, KbVersion } from "../../shared/schemas/kb.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import {
  fieldIdByCode,
  flagExpired,
  insertEntry,
  insertVersion,
  type KbContent,
  listEntries,
  listVersions,
  setVersionState,
  updateEntry,
} from "../db/repositories/kb.repository.js";
import { sanitizeAnswer } from "../domain/kb/content.js";
import { hasProposal, kbStatusOf } from "../domain/kb/workflow.js";
import { htmlToText } from "../domain/search/normalize.js";
import { authorize } from "../policies/authorize.js";
import { KB_ENTITY, loadEntry, moveEntry, recordMove } from "./kb-moves.js";
import { presentEntry, presentVersion } from "./kb-present.js";

/**
 * The workflow of the Q&A base (Art. 10.1, 14.4, 15.3; R-KB1), the agencies' side: agencies write
 * entries and propose them or changes to them; every edit is a version, every change an event.
 * The administrator's review (diff, publish, reject, archive) is kb-review.ts; which move is
 * allowed from which stage is decided by the table in domain/kb/workflow.ts, applied through
 * kb-moves.ts; search is in kb-search.service.ts.
 */
export function createKbWorkflow(ctx: AppContext) {
  async function contentOf(db: Executor, input: KbEntryInput, agencyId: string | null): Promise<KbContent> {
    let fieldId: number | null = null;
    if (input.fieldCode) {
      const id = await fieldIdByCode(db, input.fieldCode);
      if (id === undefined) throw invalidField("fieldCode", "Lĩnh vực không tồn tại");
      fieldId = id;
    }
    const answerHtml = sanitizeAnswer(input.answerHtml);
    const answerText = htmlToText(answerHtml);
    if (answerText.length === 0)
      throw invalidField("answerHtml", "Câu trả lời trống sau khi lọc nội dung không an toàn");
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

  /** Agencies act on their own entries; to anyone else the entry does not exist (Art. 14.4). */
  async function ownEntry(actor: Actor | null, id: string): Promise<Actor> {
    const current = await loadEntry(ctx.db, id);
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
      return presentEntry(await loadEntry(ctx.db, id), me, ctx.clock.now());
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
          entity: KB_ENTITY,
          entityId: entryId,
          kind: "kb_entry.created",
          toStatus: "draft",
          requestId: origin?.requestId ?? null,
          data: origin ? { version: 1, fromRequest: origin.code } : { version: 1 },
          at,
        });
        return entryId;
      });
      return presentEntry(await loadEntry(ctx.db, id), me, at);
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
        ctx,
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
            entity: KB_ENTITY,
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
      return moveEntry(ctx, me, id, "propose", async (m) => {
        await setVersionState(m.tx, id, m.row.version, "proposed");
        await updateEntry(m.tx, id, { status: kbStatusOf(m.to), pendingVersion: m.row.version, at: m.at });
        await recordMove(m, me, "kb_entry.proposed", { version: m.row.version });
      });
    },

    async listVersions(actor: Actor | null, id: string): Promise<KbVersion[]> {
      authorize(actor, "kb.read");
      await loadEntry(ctx.db, id);
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
            entity: KB_ENTITY,
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

export type KbWorkflow = ReturnType<typeof createKbWorkflow>;
