import type { z } from "zod";
import { invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { timeLimitsBody, timeLimitsResponse } from "../../shared/schemas/reports.js";
import { formatVnIso } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import {
  listTimeLimits,
  lockTimeLimits,
  type TimeLimitRow,
  updateTimeLimit,
} from "../db/repositories/time-limit.repository.js";
import type { WorkingCalendar } from "../domain/calendar/index.js";
import type { TimeLimits } from "../domain/obligations.js";
import { authorize } from "../policies/authorize.js";
import type { DueContext } from "./obligation.presenter.js";

/**
 * The regulation's time limits (Art. 10.3, 12.2, 13.1) as stored configuration: the one place the
 * server reads them. Obligations copy the limit in force when they arise, so an edit here never
 * moves an existing deadline.
 */
export async function readTimeLimits(db: Executor): Promise<TimeLimits> {
  const rows = await listTimeLimits(db);
  const limits = Object.fromEntries(rows.map((r) => [r.code, r.hours])) as Partial<TimeLimits>;
  for (const code of ["answer", "record_after_phone", "progress", "publish", "reminder_lead"] as const) {
    if (limits[code] === undefined) throw new Error(`time limit ${code} missing from time_limits`);
  }
  return limits as TimeLimits;
}

/** What deciding "due soon / late" needs now: the calendar, the instant and the reminder lead. */
export async function dueContextOf(db: Executor, calendar: WorkingCalendar, now: Date): Promise<DueContext> {
  return { calendar, now, leadHours: (await readTimeLimits(db)).reminder_lead };
}

const present = (rows: TimeLimitRow[]): z.infer<typeof timeLimitsResponse> => ({
  limits: rows.map((r) => ({
    code: r.code,
    hours: r.hours,
    article: r.article,
    updatedAt: formatVnIso(r.updated_at),
  })),
});

export function createTimeLimitService(ctx: AppContext) {
  return {
    async list(actor: Actor | null) {
      authorize(actor, "time_limit.manage");
      return present(await listTimeLimits(ctx.db));
    },

    /** Changes some limits; each change is appended to the event log with before and after. */
    async update(actor: Actor | null, body: z.infer<typeof timeLimitsBody>) {
      const admin = authorize(actor, "time_limit.manage");
      const codes = body.limits.map((l) => l.code);
      if (new Set(codes).size !== codes.length) {
        throw invalidField("limits", "Mỗi thời hạn chỉ được nêu một lần.", { code: "duplicate" });
      }
      const now = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        const before = new Map((await lockTimeLimits(tx)).map((r) => [r.code, r.hours]));
        for (const limit of body.limits) {
          const old = before.get(limit.code);
          if (old === limit.hours) continue;
          await updateTimeLimit(tx, limit.code, limit.hours, admin.userId, now);
          await appendEvent(tx, {
            actor: admin,
            entity: "time_limit",
            entityId: limit.code,
            kind: "time_limit.updated",
            at: now,
            data: { before: { hours: old ?? null }, after: { hours: limit.hours } },
          });
        }
      });
      return present(await listTimeLimits(ctx.db));
    },
  };
}
