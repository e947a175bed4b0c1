import { type Actor, can } from "../../shared/permissions.js";
import type { KbEntry, KbVersion } from "../../shared/schemas/kb.js";
import type { KbEntryRow, KbVersionRow } from "../db/repositories/kb.repository.js";
import { kbActionsFrom, kbStageOf } from "../domain/kb/workflow.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Past its effective-until date: stops being suggested and is listed for review (R-KB1). */
export function isExpired(row: Pick<KbEntryRow, "status" | "effective_until">, now: Date): boolean {
  return row.status === "published" && row.effective_until !== null && row.effective_until <= now;
}

/** The entry with what the caller may do with it. */
export function presentEntry(row: KbEntryRow, actor: Actor, now: Date): KbEntry {
  const own = { agencyId: row.agency_id };
  const mayPropose = can(actor, "kb.propose", own);
  const mayReview = can(actor, "kb.review");
  // What the workflow allows from the entry's stage, then what the actor's role allows.
  const allowed = new Set(
    kbActionsFrom(kbStageOf({ status: row.status, pendingVersion: row.pending_version })),
  );
  return {
    id: row.id,
    externalId: row.external_id,
    status: row.status,
    question: row.question,
    answerHtml: row.answer_html,
    fieldCode: row.field_code,
    agencyId: row.agency_id,
    legalSources: row.legal_sources,
    keywords: row.keywords,
    effectiveFrom: iso(row.effective_from),
    effectiveUntil: iso(row.effective_until),
    needsReview: isExpired(row, now),
    version: row.version,
    publishedVersion: row.published_version,
    pendingVersion: row.pending_version,
    updatedAt: row.updated_at.toISOString(),
    contentUpdatedAt: row.content_updated_at.toISOString(),
    abilities: {
      edit: mayPropose && allowed.has("edit"),
      propose: mayPropose && allowed.has("propose"),
      review: mayReview && allowed.has("review"),
      archive: mayReview && allowed.has("archive"),
    },
  };
}

export function presentVersion(v: KbVersionRow): KbVersion {
  return {
    version: v.version,
    state: v.state,
    question: v.question,
    answerHtml: v.answer_html,
    fieldCode: v.field_code,
    agencyId: v.agency_id,
    legalSources: v.legal_sources,
    keywords: v.keywords,
    effectiveFrom: iso(v.effective_from),
    effectiveUntil: iso(v.effective_until),
    authorId: v.author_id,
    createdAt: v.created_at.toISOString(),
    reviewedBy: v.reviewed_by,
    reviewedAt: iso(v.reviewed_at),
    reviewNote: v.review_note,
  };
}
