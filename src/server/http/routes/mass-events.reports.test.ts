import { beforeAll, describe, expect, it } from "vitest";
import { massEventView, requestMassEvent } from "../../../shared/schemas/mass-events.js";
import { giveFeedback } from "../../../test/citizen.js";
import { pdfText, sheets } from "../../../test/downloads.js";
import { json } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";

/**
 * Issue 19: the periodic report's XLSX and PDF carry the mass events of the period (requests
 * linked, answered with the prepared text) and the requesters' satisfaction per agency, field and
 * channel — live while the period is open, and the same once it is frozen.
 */
describe("mass events and satisfaction in the periodic report (issue 19)", () => {
  const s = useStaffApp({ now: new Date("2026-03-10T09:00:00+07:00") });
  const phone = "0912 345 678";
  const field = "y-te-xet-nghiem-tiem-phong";
  const title = "Chiến dịch tiêm vắc xin sởi cho trẻ 1–5 tuổi";

  beforeAll(async () => {
    const created = await s.coordinator.inject({
      method: "POST",
      url: "/api/v1/mass-events",
      payload: {
        title,
        keywords: "tiem soi, lich tiem soi",
        answer: "Tiêm miễn phí tại trạm y tế xã, phường nơi cư trú từ 10 đến 20/3.",
        startsAt: "2026-03-09T00:00:00+07:00",
        endsAt: "2026-03-21T00:00:00+07:00",
        fields: [field],
      },
    });
    const event = json(created, massEventView, 201);
    // Two linked requests, one answered with the prepared text.
    for (const content of ["lich tiem soi cho be 3 tuoi o dau a", "tiem soi cho tre co mat tien khong"]) {
      await s.drive.create(s.operator, { content, field });
    }
    const first = (
      await s.drive.create(s.operator, { content: "hỏi lịch tiem soi ở phường Hạc Thành", field })
    ).id;
    const linked = json(
      await s.operator.inject({ url: `/api/v1/requests/${first}/mass-event` }),
      requestMassEvent,
    );
    await s.drive.actOk(s.operator, await s.drive.get(s.operator, first), "answer-from-kb", {
      answer: linked.event?.answer,
      massEventId: event.id,
    });

    // Two published answers of SYT rated by their requesters: one resolved (5), one not (2).
    for (const [resolved, rating] of [
      [true, 5],
      [false, 2],
    ] as const) {
      const p = await s.published("Cấp lại tại bưu điện xã trong ngày.", {
        content: "Thủ tục cấp lại thẻ bảo hiểm y tế bị mất",
      });
      await giveFeedback(s.t.app, { code: p.code, phone }, { resolved, rating });
    }
  });

  async function expectMarchReport(frozen: string) {
    const xlsx = await s.coordinator.inject({ url: "/api/v1/reports/monthly/2026-03.xlsx" });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers["x-report-frozen"]).toBe(frozen);
    const book = await sheets(xlsx.rawPayload);
    expect(book.get("Sự kiện diện rộng")).toEqual([
      ["Sự kiện", "Từ ngày", "Đến ngày", "Yêu cầu gắn với sự kiện", "Trả lời bằng câu trả lời soạn sẵn"],
      [title, "09/03/2026", "21/03/2026", 3, 1],
    ]);
    const totals = Object.fromEntries((book.get("Tổng hợp") ?? []).map(([k, v]) => [k, v]));
    expect(totals).toMatchObject({
      "Ý kiến đánh giá của người yêu cầu (sau khi công khai trả lời)": 2,
      "— trong đó cho biết đã được giải quyết": 1,
      "— trong đó cho biết chưa được giải quyết": 1,
      "Tỷ lệ đã giải quyết": "50,0%",
      "Mức hài lòng trung bình (1–5)": "3,50",
    });
    const satisfaction = book.get("Mức hài lòng") ?? [];
    expect(satisfaction[0]).toEqual([
      "Nhóm",
      "Tên",
      "Ý kiến đánh giá",
      "Đã giải quyết",
      "Chưa giải quyết",
      "Tỷ lệ đã giải quyết",
      "Mức hài lòng trung bình (1–5)",
    ]);
    expect(satisfaction).toContainEqual(["Cơ quan", "Sở Y tế", 2, 1, 1, "50,0%", "3,50"]);
    expect(satisfaction).toContainEqual(["Kênh tiếp nhận", "Điện thoại 1022", 2, 1, 1, "50,0%", "3,50"]);

    const pdf = await s.coordinator.inject({ url: "/api/v1/reports/monthly/2026-03.pdf" });
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain("III. MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI YÊU CẦU");
    expect(text).toContain(
      "người yêu cầu gửi 2 ý kiến đánh giá: 1 ý kiến cho biết đã được giải quyết, 1 ý kiến cho biết chưa được giải quyết (tỷ lệ đã giải quyết 50,0%); mức hài lòng trung bình 3,50/5.",
    );
    expect(text).toContain("IV. SỰ KIỆN DIỆN RỘNG");
    expect(text).toContain(
      "Trong kỳ có 1 sự kiện diện rộng được khai báo; 3 yêu cầu được gắn với các sự kiện, trong đó 1 yêu cầu được trả lời ngay bằng câu trả lời soạn sẵn.",
    );
    expect(text).toContain(title);
    expect(text).toContain("V. ĐÁNH GIÁ, KIẾN NGHỊ");
  }

  it("while March is open the exports compute them live", async () => {
    await expectMarchReport("false");
    // A month without events says so.
    const feb = await s.coordinator.inject({ url: "/api/v1/reports/monthly/2026-02.pdf" });
    const text = pdfText(feb.rawPayload);
    expect(text).toContain("Trong kỳ không có sự kiện diện rộng.");
    expect(text).toContain("Trong kỳ chưa có ý kiến đánh giá của người yêu cầu.");
  });

  it("once March has closed the frozen report keeps them", async () => {
    await s.at("2026-04-02T09:00:00+07:00");
    await expectMarchReport("true");
  });
});
