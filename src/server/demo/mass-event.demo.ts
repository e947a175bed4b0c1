import { DAY_MS as DAY, formatVnIso, HOUR_MS as HOUR, vnDateOf } from "../../shared/time.js";
import { ManualClock } from "../context.js";
import { dateDemoMessagesAtTheirEvents } from "../db/repositories/outbox.repository.js";
import { createServices } from "../services/index.js";
import type { DemoSeeder } from "./seed.js";

/** The prepared answer of the demo's event (written for the product). */
const prepared =
  "Trung tâm Y tế tổ chức tiêm bổ sung vắc xin sởi – rubella miễn phí cho trẻ từ 1 đến 5 tuổi tại trạm y tế " +
  "phường, xã nơi trẻ đang sinh sống, sáng các ngày làm việc từ 7h30 đến 11h00 trong thời gian chiến dịch. " +
  "Phụ huynh mang theo sổ tiêm chủng hoặc giấy khai sinh của trẻ; trẻ đang sốt hoặc ốm được hẹn tiêm bù sau khi khỏi.";

/** The citizens who asked during the event: the first three are answered with the prepared text. */
const asked = [
  {
    name: "Đỗ Thị Hằng",
    phone: "0912003001",
    content:
      "Cho tôi hỏi đợt tiêm sởi rubella cho trẻ 3 tuổi ở phường Hạc Thành tiêm ở đâu, có mất tiền không?",
  },
  {
    name: "Lò Văn Quý",
    phone: "0912003002",
    content: "Con tôi 2 tuổi chưa tiêm sởi, đợt tiêm vắc xin sởi bổ sung này có tiêm ở trạm y tế xã không?",
  },
  {
    name: "Mai Thị Thu",
    phone: "0912003003",
    content: "Tiêm bù vắc xin sởi rubella cho bé 4 tuổi cần mang giấy tờ gì ạ?",
  },
  // Answered in the operator's own words: the child has a fever, the prepared text is not enough.
  {
    name: "Hà Văn Đức",
    phone: "0912003004",
    content: "Bé nhà tôi đang sốt 38 độ thì có đi tiêm sởi rubella đợt này được không?",
  },
] as const;

/**
 * A mass event that is over (issue 19): declared by the coordinator for three days from 07:00 four
 * days ago (so it ended yesterday or the day before, in this month's reports most days), with the
 * requests it brought linked to it — three answered with its prepared text, one in the
 * operator's own words — so the coordinator's list and the reports' figures show one from the
 * start. None is on now: a demo event on now would link (and answer) requests people try out.
 */
export const demoMassEvents: DemoSeeder = {
  name: "mass-events-v1",
  async run(c) {
    const realNow = c.ctx.clock.now().getTime();
    const starts = Date.parse(`${vnDateOf(new Date(realNow - 4 * DAY))}T07:00:00+07:00`);
    const clock = new ManualClock(new Date(starts));
    const services = createServices({ ...c.ctx, clock });
    const event = await services.massEvents.create(c.users.coordinator, {
      title: "Tiêm bổ sung vắc xin sởi – rubella cho trẻ 1–5 tuổi",
      keywords: "tiêm sởi, vắc xin sởi, sởi rubella, tiêm bù sởi, chích ngừa sởi",
      answer: prepared,
      startsAt: formatVnIso(new Date(starts)),
      endsAt: formatVnIso(new Date(starts + 3 * DAY)),
      fields: ["y-te-xet-nghiem-tiem-phong"],
      banner: true,
      emergencyNumbers: [],
    });
    for (const [i, a] of asked.entries()) {
      const at = starts + DAY + 2 * HOUR + i * 1.5 * HOUR;
      clock.set(at);
      const request = await services.requests.createRequest(c.users.operator, {
        channel: "phone",
        receivedAt: formatVnIso(new Date(at)),
        requester: { kind: "person", fullName: a.name, phone: a.phone, address: "Thanh Hóa" },
        content: a.content,
        field: "y-te-xet-nghiem-tiem-phong",
        urgency: "normal",
        publishConsent: true,
      });
      await services.massEvents.linkNew(request.id);
      clock.set(at + 10 * 60_000);
      const own = i === asked.length - 1;
      const answer = own
        ? "Trẻ đang sốt chưa tiêm trong đợt này; khi trẻ khỏi sốt, phụ huynh đưa trẻ đến trạm y tế để được khám và hẹn tiêm bù."
        : prepared;
      const answered = await services.requests.act(c.users.operator, request.id, "answer_from_kb", {
        version: request.version,
        answer,
        ...(own ? {} : { massEventId: event.id }),
      });
      clock.set(at + 20 * 60_000);
      await services.requests.act(c.users.operator, request.id, "publish", { version: answered.version });
    }
    await dateDemoMessagesAtTheirEvents(c.db);
  },
};
