import { describe, expect, it } from "vitest";
import { publishedEntry } from "../../../test/kb.js";
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

/**
 * /hoi-dap's Q&A snippets (6 December 2026, thirty-fourth session): «vắc-xin» searched found an entry
 * written "vaccine" (one word on both sides, abbreviations.ts) but left the word unmarked.
 */
describe("/hoi-dap marks every spelling the search matched", () => {
  const s = useStaffApp({ now: new Date("2026-03-10T09:00:00+07:00") });

  it("marks vắc-xin and vaccine alike, whichever is searched", async () => {
    await publishedEntry(
      s.focal,
      {
        question: "Trẻ em tiêm vắc-xin sởi ở đâu?",
        answerHtml: "<p>Trẻ được tiêm vắc-xin sởi miễn phí tại trạm y tế; vaccine được bảo quản lạnh.</p>",
        fieldCode: "y-te-xet-nghiem-tiem-phong",
        legalSources: [],
        keywords: [],
      },
      s.admin,
    );
    for (const q of ["vắc-xin", "vac xin", "vaccine"]) {
      const res = await s.t.app.inject({ url: `/hoi-dap?q=${encodeURIComponent(q)}` });
      expect(res.body, q).toContain("<mark>vắc-xin</mark> sởi");
      expect(res.body, q).toContain("<mark>vaccine</mark> được bảo quản");
    }
  });
});
