import { dataRequestKindLabels } from "../../shared/schemas/data-rights.js";
import { formatVnDateTime } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import {
  claimDataReminder,
  coordinatorEmails,
  remindableDataRequests,
} from "../db/repositories/data-request.repository.js";
import { enqueueStaffEmails } from "../db/repositories/outbox.repository.js";
import { type DataRequestStep, REMINDER_LEAD_HOURS, reminderStepOf } from "../domain/data-rights.js";
import type { DataRightsDeps } from "./data-request.service.js";

const stepText: Record<DataRequestStep, string> = {
  ack_due_soon: "sắp đến hạn xác nhận tiếp nhận (2 ngày làm việc)",
  ack_missed: "đã quá hạn xác nhận tiếp nhận (2 ngày làm việc)",
  due_soon: "sắp đến hạn trả lời",
  missed: "đã quá hạn trả lời",
};

/**
 * Deadline reminders of data subjects' requests, like the obligations' reminders (Art. 13.1) but
 * to the coordinators who handle the cases: once per case and step, by email through the outbox,
 * one working day before the deadline in force and once it is missed. Not sent outside working
 * hours unless REMINDERS_OUTSIDE_WORKING_HOURS.
 */
export function createDataRequestReminders(ctx: AppContext, deps: DataRightsDeps) {
  return {
    /** One pass of the job; returns how many reminders were sent. */
    async sendDataRequestReminders(): Promise<number> {
      const now = ctx.clock.now();
      const calendar = await deps.calendar();
      if (!ctx.config.REMINDERS_OUTSIDE_WORKING_HOURS && !calendar.isWorkingTime(now)) return 0;
      const horizon = calendar.addWorkingHours(now, REMINDER_LEAD_HOURS);
      let sent = 0;
      for (const c of await remindableDataRequests(ctx.db, horizon)) {
        const step = reminderStepOf(
          { status: c.status, ackDueAt: c.ack_due_at, dueAt: c.due_at },
          now,
          calendar,
        );
        if (!step || c.sent.includes(step)) continue;
        const due = step.startsWith("ack") ? c.ack_due_at : c.due_at;
        const link = `${ctx.config.PUBLIC_URL.replace(/\/$/, "")}/console/data-requests/${c.id}`;
        const claimed = await ctx.db.transaction(async (tx) => {
          if (!(await claimDataReminder(tx, c.id, step, now))) return false;
          await enqueueStaffEmails(tx, await coordinatorEmails(tx), {
            kind: `data_request_reminder_${step}`,
            subject: `[${c.code}] Yêu cầu về dữ liệu cá nhân ${stepText[step]}`,
            body: `Yêu cầu ${c.code} (${dataRequestKindLabels[c.kind]}) ${stepText[step]}: hạn lúc ${formatVnDateTime(due)}.\nXem và xử lý: ${link}\n\n— Tổng đài 1022 (Luật Bảo vệ dữ liệu cá nhân, Nghị định 356/2025/NĐ-CP)`,
            dedupeKey: `data_request_reminder:${c.id}:${step}`,
          });
          return true;
        });
        if (claimed) sent += 1;
      }
      return sent;
    },
  };
}
