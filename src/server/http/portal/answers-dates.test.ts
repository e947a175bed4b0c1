import { describe, expect, it } from "vitest";
import { useStaffApp } from "../../../test/staff-app.js";
import { filterDate, SHOWN_BACK } from "./answers-filter.js";
import { escapeHtml } from "./html.js";

/**
 * /hoi-dap's dates as Vietnamese write them (6 December 2026, thirty-fourth session): a date input
 * showed the browser's mm/dd/yyyy; the fields are now text read as dd/mm/yyyy, and the links'
 * yyyy-mm-dd keeps working exactly. A date that is no day says so on the page, never a 500.
 */
describe("/hoi-dap date filters, dd/mm/yyyy and yyyy-mm-dd", () => {
  const s = useStaffApp({ now: new Date("2026-03-10T09:00:00+07:00") });
  const page = (query: string) => s.t.app.inject({ url: `/hoi-dap?${query}` });

  it("reads dd/mm/yyyy and yyyy-mm-dd alike, shows dd/mm/yyyy, and links keep yyyy-mm-dd", async () => {
    await s.published("Trạm y tế phường tiêm cho trẻ em vào thứ Bảy hằng tuần.", {
      content: "Lịch tiêm vắc xin cho trẻ em ở phường?",
    });
    await s.published("Đơn vị thi công sẽ khắc phục trong tuần này.", {
      content: "Đường liên xã bị sạt lở, khi nào sửa?",
    });
    for (const query of [
      "from=10/03/2026&to=10/03/2026",
      "from=2026-03-10&to=2026-03-10",
      "from=10%2F3%2F2026",
    ]) {
      const res = await page(`${query}&pageSize=1`);
      expect(res.statusCode, query).toBe(200);
      expect(res.body, query).toContain("2 kết quả phù hợp");
      expect(res.body, query).toContain('value="10/03/2026"');
      expect(res.body, query).toContain('placeholder="dd/mm/yyyy"');
      expect(res.body, query).toContain('inputmode="numeric"');
      expect(res.body, query).not.toContain('type="date"');
      expect(res.body, query).not.toContain("aria-invalid");
      // The next page's link carries the query's contract form.
      expect(res.body, query).toMatch(/href="\/hoi-dap\?from=2026-03-10[^"]*page=2"/);
    }
    expect((await page("from=11/03/2026")).body).toContain("0 kết quả phù hợp");
    expect((await page("to=09/03/2026")).body).toContain("0 kết quả phù hợp");
    // The API's contract is unchanged: yyyy-mm-dd only.
    const api = await s.t.app.inject({ url: "/api/v1/public/answers?from=2026-03-10&to=2026-03-10" });
    expect(api.json<{ total: number }>().total).toBe(2);
  });

  it.each([
    ["31/02/2026"],
    ["2026-13-01"],
    ["2026-02-30"],
    ["1/1/26"],
    ["00/01/2026"],
    ["10/03/0000"],
    ["10.03.2026"],
    ["10/03/2026/"],
    ["1".repeat(1500)],
    ["١٠/٠٣/٢٠٢٦"],
    ["１０/０３/２０２６"],
    ["10/03/2026<script>"],
  ])("a date that is no day (%s) is dropped with a message in Vietnamese, never a 500", async (bad) => {
    const res = await page(`q=ti%C3%AAm&from=${encodeURIComponent(bad)}&to=11%2F03%2F2026`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="f-from-err">Ngày không hợp lệ, đã bỏ qua.');
    expect(res.body).toContain('aria-invalid="true" aria-describedby="f-from-err"');
    expect(res.body).not.toContain('id="f-to-err"');
    // The other filters are kept; what was typed is shown back, escaped, to be corrected.
    expect(res.body).toContain('value="tiêm"');
    expect(res.body).toContain('value="11/03/2026"');
    // «xoá» as the console writes it (thirty-fifth session: the portal alone wrote «Xóa»).
    expect(res.body).toContain('<a href="/hoi-dap">Xoá bộ lọc</a>');
    const shown = [...bad].slice(0, SHOWN_BACK).join("");
    expect(res.body).toContain(`value="${escapeHtml(shown)}" aria-invalid="true"`);
    if (shown !== bad) expect(res.body).not.toContain(bad.slice(0, SHOWN_BACK + 1));
  });

  it("shows a date that is no day back as typed, escaped, while the results and links leave it out", async () => {
    // Thirty-fifth session: the field was emptied, so the citizen could not see what to correct.
    for (const text of ["Trạm y tế phường tiêm cho trẻ.", "Đơn vị thi công sẽ khắc phục."])
      await s.published(text, { content: `Câu hỏi: ${text}` });
    const total = /(\d+) kết quả phù hợp/.exec((await page("to=10%2F03%2F2026")).body)?.[1];
    expect(Number(total)).toBeGreaterThanOrEqual(2);
    for (const bad of ["31/02/2026", '"><script>alert(1)</script>', "1/1/26' autofocus onfocus='x"]) {
      const res = await page(`from=${encodeURIComponent(` ${bad} `)}&to=10%2F03%2F2026&pageSize=1`);
      expect(res.statusCode, bad).toBe(200);
      expect(res.body, bad).toContain(
        `value="${escapeHtml(bad)}" aria-invalid="true" aria-describedby="f-from-err">` +
          '<p class="err" id="f-from-err">Ngày không hợp lệ',
      );
      expect(res.body, bad).not.toContain("<script>alert");
      expect(res.body, bad).not.toContain("' autofocus");
      // The filter itself is dropped: both answers, and paging links without it.
      expect(res.body, bad).toContain(`${total} kết quả phù hợp`);
      expect(res.body, bad).toContain('href="/hoi-dap?to=2026-03-10&amp;page=2" rel="next"');
      expect(res.body, bad).not.toMatch(/href="[^"]*from=/);
    }
  });

  it("a value over the API's query limit is the page with the date's message, not JSON (thirty-sixth session)", async () => {
    const res = await page(`from=${"1".repeat(3000)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`value="${"1".repeat(SHOWN_BACK)}" aria-invalid="true"`);
    expect(res.body).toContain('id="f-from-err">Ngày không hợp lệ, đã bỏ qua.');
  });

  it("filterDate: calendar days only, leap years included", () => {
    expect(filterDate("29/02/2028")).toBe("2028-02-29");
    expect(filterDate("29/02/2026")).toBeUndefined();
    expect(filterDate(" 5/12/2026 ")).toBe("2026-12-05");
    expect(filterDate("2026-12-05")).toBe("2026-12-05");
    expect(filterDate("2026-1-5")).toBeUndefined();
  });
});
