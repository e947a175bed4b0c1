import type { Actor } from "../../shared/permissions.js";
import type { RequestAction } from "../../shared/request-status.js";
import type { RequestDetail } from "../../shared/schemas/requests.js";
import { formatVnIso } from "../../shared/time.js";
import { ManualClock } from "../context.js";
import { dateDemoMessagesAtTheirEvents } from "../db/repositories/outbox.repository.js";
import type { WorkingCalendar } from "../domain/calendar/index.js";
import { createServices } from "../services/index.js";
import type { Bodies } from "../services/request-steps.js";
import { demoRequestData } from "./request.demo-data.js";
import type { DemoSeeder } from "./seed.js";

const HOUR = 3_600_000;

/** The latest moment to send a slip so that, 8 working hours later, `left` working hours remain now. */
function sentWithLeft(calendar: WorkingCalendar, now: Date, [min, max]: [number, number]): number {
  for (let back = 15 * 60_000; back < 30 * 24 * HOUR; back += 15 * 60_000) {
    const sent = new Date(now.getTime() - back);
    const left = calendar.workingHoursBetween(now, calendar.addWorkingHours(sent, 8));
    if (left > min && left <= max) return sent.getTime();
  }
  return now.getTime() - 7 * HOUR;
}

/**
 * A few dozen requests spread over every state (issue 2), created through the same services staff
 * use, so the event log, slips, deadlines and outbox are exactly what real use would produce.
 */
export const demoRequests: DemoSeeder = {
  name: "requests-v1",
  async run(c) {
    const realNow = c.ctx.clock.now().getTime();
    const clock = new ManualClock(new Date(realNow));
    const services = createServices({ ...c.ctx, clock });
    const calendar = await services.calendar.current();
    const actorFor = (action: RequestAction): Actor =>
      ({
        answer_from_kb: c.users.operator,
        refuse: c.users.operator,
        forward: c.users.operator,
        escalate: c.users.operator,
        assign_agency: c.users.coordinator,
        close: c.users.operator,
      })[action as string] ?? c.users.focal;

    for (const r of demoRequestData) {
      let t = realNow - r.ageHours * HOUR;
      if (r.dueLeft) t = sentWithLeft(calendar, new Date(realNow), r.dueLeft) - 5 * 60_000;
      clock.set(t);
      let d: RequestDetail = await services.requests.createRequest(c.users.operator, {
        channel: r.channel,
        receivedAt: formatVnIso(new Date(t)),
        requester: { kind: "person", fullName: r.name, phone: r.phone, address: r.address, email: r.email },
        content: r.content,
        field: r.field,
        urgency: r.urgency ?? "normal",
        publishConsent: true,
      });
      const agencyId = r.agency ? await c.agencyId(r.agency) : await c.agencyId("SYT");
      const answer = r.answer ?? "Cơ quan đã trả lời theo quy định hiện hành.";
      // What each step says (its body but the version); a step not listed is not taken.
      const saidAt: Partial<{ [A in RequestAction]: Omit<Bodies[A], "version"> }> = {
        forward: { agencyId, transferAttempt: r.transfer ?? "connected" },
        escalate: { note: "Chưa rõ cơ quan có thẩm quyền." },
        refuse: {
          reason:
            /[a-z]+ [a-z]+ [a-z]+/.test(r.content) && !/[ăâđêôơư]/i.test(r.content)
              ? "khong-tieng-viet"
              : "ngoai-pham-vi",
        },
        answer_from_kb: { answer },
        answer_by_phone: { summary: "Đã hướng dẫn qua điện thoại." },
        mark_verifying: { note: "Cần kiểm tra với đơn vị liên quan." },
        post_progress: {
          note: "Đang phối hợp với công an phường kiểm tra thực tế.",
          appointmentAt: formatVnIso(calendar.addWorkingHours(new Date(realNow), 8)),
        },
        record_answer: { answer },
        return_to_coordinator: { reason: "Nội dung không thuộc thẩm quyền của cơ quan." },
        // The requester's question and the recorded answer as they are (nothing to redact here).
        publish: {},
        close: {},
        assign_agency: { agencyId },
      };
      for (const action of r.steps) {
        t += r.dueLeft ? 5 * 60_000 : Math.min(r.ageHours / (r.steps.length + 1), 24) * HOUR * 0.5;
        clock.set(Math.min(t, realNow));
        // Agency steps are taken by that agency's focal point; demo users belong to the Department of Health.
        // Art. 12: whoever answered publishes — the operator a Q&A-base answer, else the agency.
        const byOperator = action === "publish" && r.steps.includes("answer_from_kb");
        const actor: Actor = byOperator
          ? c.users.operator
          : actorFor(action).role === "focal_point"
            ? { ...c.users.focal, agencyId: d.agencyId }
            : actorFor(action);
        const said = saidAt[action];
        if (!said) continue;
        if (action === "post_progress") {
          // Art. 10.3: a progress update is owed (and accepted) only once the answer is overdue.
          const due = d.obligations.find((o) => o.kind === "answer" && o.state !== "met_on_time");
          const after = due ? new Date(due.dueAt).getTime() + 5 * 60_000 : realNow + 1;
          if (after > realNow) continue;
          clock.set(Math.max(clock.now().getTime(), after));
        }
        d = await services.requests.act(actor, d.id, action, { version: d.version, ...said });
      }
    }
    await dateDemoMessagesAtTheirEvents(c.db);
  },
};
