import { describe, expect, it } from "vitest";
import { useStaffApp } from "../../../test/staff-app.js";

/**
 * /hoi-dap past its last page — an old bookmark after a takedown, a hand-edited link (4 December
 * 2026, twenty-fifth session): the heading counted the answers while the list said none matched,
 * with no way back. Now it says which pages exist and links to the last.
 */
describe("/hoi-dap past its last page", () => {
  const s = useStaffApp({ now: new Date("2026-03-10T09:00:00+07:00") });

  it("says the page does not exist and links to the last one", async () => {
    await s.published("Trạm y tế phường tiêm cho trẻ em vào thứ Bảy hằng tuần.", {
      content: "Lịch tiêm vắc xin cho trẻ em ở phường?",
    });
    const res = await s.t.app.inject({ url: "/hoi-dap?page=5" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("1 câu trả lời đã công khai");
    expect(res.body).toContain("Không có trang 5: danh sách chỉ có 1 trang.");
    expect(res.body).toContain('<a href="/hoi-dap">Xem trang 1</a>');
    expect(res.body).not.toContain("Chưa có câu trả lời phù hợp");
    // The first page still lists it.
    expect((await s.t.app.inject({ url: "/hoi-dap" })).body).toContain("Lịch tiêm vắc xin cho trẻ em");
  });
});
