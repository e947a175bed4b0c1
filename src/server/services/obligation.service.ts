import type { z } from "zod";
import { AppError, invalidField } from "../../shared/errors.js";
import { type Actor, scopeOf } from "../../shared/permissions.js";
import type {
  missedByAgencyResponse,
  ObligationState,
  ObligationView,
} from "../../shared/schemas/reports.js";
import type { AppContext } from "../context.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import {
  answersOwingProgress,
  findObligation,
  listObligations,
  lockObligation,
  missedByAgency,
  waiveObligation,
} from "../db/repositories/obligation.repository.js";
import { dueSoonUntil, obligationState, waiverRefusal } from "../domain/obligations.js";
import { authorize } from "../policies/authorize.js";
import { factsOf, toObligationView } from "./obligation.presenter.js";
import { ensureProgressObligation } from "./obligation-lifecycle.js";
import type { RequestServiceDeps } from "./request.service.js";
import { dueContextOf, readTimeLimits } from "./time-limits.service.js";

const NO_AGENCY = "00000000-0000-0000-0000-000000000000";

/** Hotline duties (publication of Q&A answers, Art. 12.1) are owed by no agency. */
const HOTLINE = "Tổng đài 1022";

export interface ObligationQuery {
  state?: ObligationState;
  agencyId?: string;
  requestId?: string;
}

/**
 * Obligations as staff see them (Art. 10.3, 12.2, 13.1): the list and the missed ones by agency
 * (agency staff see their own agency's only), waiving by a coordinator with a reason, and the job
 * that materialises progress obligations once an answer obligation has passed unmet.
 */
export function createObligationService(ctx: AppContext, deps: RequestServiceDeps) {
  const due = async () => {
    const now = ctx.clock.now();
    return dueContextOf(ctx.db, await deps.calendar(), now);
  };

  return {
    async list(actor: Actor | null, q: ObligationQuery): Promise<{ items: ObligationView[] }> {
      const reader = authorize(actor, "obligation.read");
      const agencyId =
        scopeOf(reader.role, "obligation.read") === "agency" ? (reader.agencyId ?? NO_AGENCY) : q.agencyId;
      if (agencyId && q.agencyId && agencyId !== q.agencyId) return { items: [] };
      const c = await due();
      const until = dueSoonUntil(c.now, c.calendar, c.leadHours);
      const rows = await listObligations(ctx.db, { ...q, agencyId }, c.now, until, 500);
      return { items: rows.map((o) => toObligationView(o, c)) };
    },

    async missedByAgency(actor: Actor | null): Promise<z.infer<typeof missedByAgencyResponse>> {
      const reader = authorize(actor, "obligation.read");
      const own =
        scopeOf(reader.role, "obligation.read") === "agency" ? (reader.agencyId ?? NO_AGENCY) : undefined;
      const rows = await missedByAgency(ctx.db, ctx.clock.now(), own);
      const byAgency = new Map<
        string,
        { agencyId: string | null; agencyName: string; missed: number; byKind: Record<string, number> }
      >();
      for (const r of rows) {
        const key = r.agency_id ?? "hotline";
        const entry = byAgency.get(key) ?? {
          agencyId: r.agency_id,
          agencyName: r.agency_name ?? HOTLINE,
          missed: 0,
          byKind: {},
        };
        entry.missed += r.n;
        entry.byKind[r.kind] = (entry.byKind[r.kind] ?? 0) + r.n;
        byAgency.set(key, entry);
      }
      return {
        rows: [...byAgency.values()].sort(
          (a, b) => b.missed - a.missed || a.agencyName.localeCompare(b.agencyName, "vi"),
        ),
      };
    },

    /** A coordinator releases an agency from one open duty, with a reason (audited). */
    async waive(actor: Actor | null, id: string, reason: string): Promise<ObligationView> {
      const coordinator = authorize(actor, "obligation.waive");
      const c = await due();
      await ctx.db.transaction(async (tx) => {
        const o = await lockObligation(tx, id);
        if (!o) throw new AppError("NOT_FOUND");
        const state = obligationState(factsOf(o), c.now, c.calendar, c.leadHours);
        const refusal = waiverRefusal(factsOf(o), c.now);
        if (refusal) {
          throw invalidField("id", refusal.message, { error: "INVALID_TRANSITION", code: refusal.code });
        }
        await waiveObligation(tx, id, { at: c.now, by: coordinator.userId, reason });
        await appendEvent(tx, {
          actor: coordinator,
          entity: "obligation",
          entityId: id,
          requestId: o.request_id,
          kind: "obligation.waived",
          at: c.now,
          data: {
            obligationKind: o.kind,
            agencyId: o.agency_id,
            before: { state },
            after: { state: "waived", reason },
          },
        });
      });
      const row = await findObligation(ctx.db, id);
      if (!row) throw new AppError("NOT_FOUND");
      return toObligationView(row, c);
    },

    /**
     * One pass of the job: every answer obligation that passed its due time unmet gets its progress
     * obligation (Art. 10.3), starting at that due time. Idempotent (one per slip, unique index).
     */
    async materialiseProgress(): Promise<number> {
      const now = ctx.clock.now();
      const owing = await answersOwingProgress(ctx.db, now);
      if (owing.length === 0) return 0;
      const calendar = await deps.calendar();
      return ctx.db.transaction(async (tx) => {
        const limits = await readTimeLimits(tx);
        const env = { tx, limits, calendar, now, by: null };
        for (const answer of owing) await ensureProgressObligation(env, answer);
        return owing.length;
      });
    },
  };
}
