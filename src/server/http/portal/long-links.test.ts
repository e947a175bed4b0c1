import { describe, expect, it } from "vitest";
import { useStaffApp } from "../../../test/staff-app.js";
import { cutSearch, SEARCH_MAX } from "./answers-filter.js";
import { escapeHtml } from "./html.js";

/**
 * Portal links with values longer than their boxes take — pasted or hand-edited (6 December 2026,
 * thirty-sixth session): `/hoi-dap?q=` with 3,000 characters answered the API's raw JSON 400
 * (the input layer's 2,000-character limit) and with 600 dropped the search without a word. Now the
 * search is cut to the box's 200 characters, as search engines do, and the page says so at the field;
 * every other portal page answers such a link with a page for people, never JSON.
 */
describe("portal pages opened by over-long links", () => {
  const s = useStaffApp({ now: new Date("2026-03-10T09:00:00+07:00") });
  const page = (url: string) => s.t.app.inject({ url });

  it.each([600, 3_000, 12_000])(
    "/hoi-dap?q= with %i characters: the page, the search cut to 200, said at the field",
    async (n) => {
      await s.published("Trạm y tế phường tiêm cho trẻ em vào thứ Bảy hằng tuần.", {
        content: "Lịch tiêm vắc xin cho trẻ em ở phường?",
      });
      const words = 'tiêm vắc xin <b>"trẻ"</b> '.repeat(Math.ceil(n / 25)).slice(0, n);
      const res = await page(`/hoi-dap?q=${encodeURIComponent(words)}&from=01%2F03%2F2026`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      const cut = cutSearch(words) ?? "";
      expect(cut.length).toBeLessThanOrEqual(SEARCH_MAX);
      expect(cut.length).toBeGreaterThan(SEARCH_MAX - 30);
      expect(res.body).toContain(`value="${escapeHtml(cut)}" placeholder`);
      expect(res.body).toContain('maxlength="200" aria-describedby="f-q-err">');
      expect(res.body).toContain('<p class="err" id="f-q-err">Nội dung tìm kiếm dài quá 200 ký tự');
      expect(res.body).not.toContain("<b>");
      // The other filters are kept; the paging links carry the cut text, not the link's.
      expect(res.body).toContain('value="01/03/2026"');
      expect(res.body).not.toContain('"error"');
    },
  );

  it("a search within the limit says nothing more", async () => {
    const res = await page(`/hoi-dap?q=${"a".repeat(SEARCH_MAX)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`value="${"a".repeat(SEARCH_MAX)}"`);
    expect(res.body).not.toContain("f-q-err");
  });

  it("cutSearch: at the last space, never inside a surrogate pair", () => {
    expect(cutSearch("x".repeat(SEARCH_MAX))).toBeUndefined();
    expect(cutSearch(`${"x".repeat(SEARCH_MAX - 5)} abcdefgh`)).toBe("x".repeat(SEARCH_MAX - 5));
    expect(cutSearch(`${"x".repeat(SEARCH_MAX)} tail`)).toBe("x".repeat(SEARCH_MAX));
    const emoji = `${"x".repeat(SEARCH_MAX - 1)}😀😀`;
    expect(cutSearch(emoji)).toBe("x".repeat(SEARCH_MAX - 1));
  });

  it.each([
    ["/hoi-dap", "page", 200],
    ["/hoi-dap", "pageSize", 200],
    ["/hoi-dap", "field", 200],
    ["/hoi-dap", "to", 200],
    ["/", "q", 200],
    ["/gui-yeu-cau", "ma", 200],
    ["/tra-cuu", "ma", 400],
    ["/thong-ke", "ky", 400],
    ["/gui-yeu-cau/da-gui", "bn", 400],
  ])("%s?%s= with 3,000 characters: %i, an HTML page, never JSON", async (path, name, status) => {
    const res = await page(`${path}?ma=2612-VRXBJY&${name}=${"9".repeat(3_000)}`);
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).not.toContain('"error"');
    expect(res.body).not.toContain("9".repeat(100));
  });

  it("the API keeps its input layer's JSON 400 for the same link", async () => {
    const res = await page(`/api/v1/public/answers?q=${"a".repeat(3_000)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: "BAD_INPUT" } });
  });
});
