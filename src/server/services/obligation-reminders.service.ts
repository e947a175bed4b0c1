import type { ObligationKind } from "../../shared/schemas/reports.js";
import { formatVnDateTime, formatVnIso } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import {
  agencyStaffEmails,
  claimReminder,
  type ObligationRow,
  remindable,
} from "../db/repositories/obligation.repository.js";
import { enqueueStaffEmails } from "../db/repositories/outbox.repository.js";
import { dueSoonUntil, type ReminderStep, reminderStepOf } from "../domain/obligations.js";
import type { LiveBus } from "./live-bus.js";
import { factsOf } from "./obligation.presenter.js";
import type { RequestServiceDeps } from "./request.service.js";
import { readTimeLimits } from "./time-limits.service.js";

/** What each duty is, in the words of the reminder. */
export const obligationKindLabels: Record<ObligationKind, string> = {
  answer: "trả lời yêu cầu (Điều 10.3)",
  record: "cập nhật kết quả đã trả lời qua điện thoại lên phần mềm (Điều 10.3)",
  progress: "cập nhật tiến độ xử lý và hẹn thời gian trả lời tiếp theo (Điều 10.3)",
  appointment: "trả lời đúng thời gian đã hẹn",
  publish: "công khai kết quả trả lời (Điều 12.2)",
};

function message(o: ObligationRow, step: ReminderStep, publicUrl: string) {
  const duty = obligationKindLabels[o.kind];
  const link = `${publicUrl.replace(/\/$/, "")}/console/requests/${o.request_id}`;
  return step === "due_soon"
    ? {
        subject: `[${o.request_code}] Sắp đến hạn ${duty}`,
        body: `Kính gửi ${o.agency_name ?? "cơ quan"},\n\nYêu cầu ${o.request_code} sắp đến hạn ${duty}: hạn lúc ${formatVnDateTime(o.due_at)}.\nXem và xử lý: ${link}\n\n— Tổng đài 1022 (đôn đốc theo Điều 13.1)`,
      }
    : {
        subject: `[${o.request_code}] Đã quá hạn ${duty}`,
        body: `Kính gửi ${o.agency_name ?? "cơ quan"} và lãnh đạo cơ quan,\n\nYêu cầu ${o.request_code} đã quá hạn ${duty} (hạn lúc ${formatVnDateTime(o.due_at)}) mà chưa thực hiện.\nĐề nghị khẩn trương xử lý: ${link}\n\n— Tổng đài 1022 (đôn đốc theo Điều 13.1)`,
      };
}

/**
 * Reminders (đôn đốc, Art. 13.1): an obligation owed by an agency that falls due within the
 * `reminder_lead` working hours, and again once it is missed, is told to the agency's focal points
 * (and its leaders when missed) by email through the outbox and live in the console. Each step is
 * sent once (table obligation_reminders); never outside working hours unless configured.
 */
export function createReminderService(ctx: AppContext, deps: RequestServiceDeps & { live: LiveBus }) {
  return {
    /** One pass of the job; returns how many reminders were sent. */
    async sendReminders(): Promise<number> {
      const now = ctx.clock.now();
      const calendar = await deps.calendar();
      if (!ctx.config.REMINDERS_OUTSIDE_WORKING_HOURS && !calendar.isWorkingTime(now)) return 0;
      const lead = (await readTimeLimits(ctx.db)).reminder_lead;
      const candidates = await remindable(ctx.db, dueSoonUntil(now, calendar, lead));
      let sent = 0;
      for (const o of candidates) {
        const step = reminderStepOf(factsOf(o), now, calendar, lead);
        if (!step || o.sent.includes(step) || !o.agency_id) continue;
        const agencyId = o.agency_id;
        const claimed = await ctx.db.transaction(async (tx) => {
          if (!(await claimReminder(tx, o.id, step, now))) return false;
          const roles =
            step === "missed" ? (["focal_point", "agency_leader"] as const) : (["focal_point"] as const);
          const { subject, body } = message(o, step, ctx.config.PUBLIC_URL);
          await enqueueStaffEmails(tx, await agencyStaffEmails(tx, agencyId, roles), {
            kind: `reminder_${step}`,
            subject,
            body,
            dedupeKey: `reminder:${o.id}:${step}`,
          });
          return true;
        });
        if (!claimed) continue;
        sent += 1;
        deps.live.publish({
          requestId: o.request_id,
          code: o.request_code,
          status: o.request_status,
          agencyId,
          urgency: o.request_urgency,
          kind: "obligation_reminder",
          reminder: { obligationId: o.id, obligationKind: o.kind, step, dueAt: formatVnIso(o.due_at) },
        });
      }
      return sent;
    },
  };
}
