import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { RequestStatus } from "../../shared/request-status.js";
import type { DuplicateResponse } from "../../shared/schemas/duplicates.js";
import { formatVnIso } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import { joinedCounts, recentRequests } from "../db/repositories/duplicate.repository.js";
import { findRequest } from "../db/repositories/request.repository.js";
import { DUPLICATE_THRESHOLD, DuplicateFinder } from "../domain/search/duplicates.js";
import { authorize } from "../policies/authorize.js";

/** The requests a duplicate may join: still open (request-state.ts mergeRefusal says the same). */
const openStatuses: ReadonlySet<RequestStatus> = new Set([
  "received",
  "with_coordinator",
  "forwarded",
  "phone_answered",
  "verifying",
]);

/** At most this many recent requests are compared (newest first): bounds the time of one suggestion. */
const MAX_CANDIDATES = 5000;

/**
 * Issue 19: duplicate suggestions for the operator desk (while typing) and for a request (its page,
 * the coordinator's board). Built on each call from the recent requests (DUPLICATE_WINDOW_DAYS), so
 * a request recorded a second ago by any process is found; closed ones count as background only.
 */
export function createDuplicateService(ctx: AppContext) {
  async function suggest(
    q: { content: string; fieldCode?: string | null; limit: number },
    exclude?: string,
  ): Promise<DuplicateResponse> {
    const windowDays = ctx.config.DUPLICATE_WINDOW_DAYS;
    const since = new Date(ctx.clock.now().getTime() - windowDays * 86_400_000);
    const rows = await recentRequests(ctx.db, since, MAX_CANDIDATES);
    const finder = new DuplicateFinder(rows.map((r) => ({ key: r.id, text: r.content, meta: r })));
    const hits = finder.similar(
      q.content,
      (r) => openStatuses.has(r.status) && (!q.fieldCode || r.field_code === q.fieldCode),
      { limit: q.limit, minScore: DUPLICATE_THRESHOLD, exclude },
    );
    const joined = await joinedCounts(
      ctx.db,
      hits.map((h) => h.key),
    );
    return {
      windowDays,
      threshold: DUPLICATE_THRESHOLD,
      items: hits.map(({ meta: r, score }) => ({
        id: r.id,
        code: r.code,
        status: r.status,
        channel: r.channel,
        field: r.field_code,
        receivedAt: formatVnIso(r.received_at),
        contentPreview: r.content.length > 200 ? `${r.content.slice(0, 197)}…` : r.content,
        score: Math.round(score * 1000) / 1000,
        joinedCount: joined.get(r.id) ?? 0,
      })),
    };
  }

  return {
    /** While the operator types: open requests of the field asking the same thing. */
    async forText(
      actor: Actor | null,
      q: { content: string; fieldCode?: string; limit: number },
    ): Promise<DuplicateResponse> {
      authorize(actor, "request.merge");
      return suggest(q);
    },

    /** For one request (its page, the coordinator's board): the others it may be merged into. */
    async forRequest(actor: Actor | null, id: string, limit: number): Promise<DuplicateResponse> {
      authorize(actor, "request.merge");
      const row = await findRequest(ctx.db, id);
      if (!row) throw new AppError("NOT_FOUND");
      return suggest({ content: row.content, fieldCode: row.field_code, limit }, row.id);
    },
  };
}
