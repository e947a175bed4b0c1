import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/hooks.js";

/**
 * A citizen never reads the API's JSON (4 December 2026, twenty-fifth session): a portal link cut
 * off or edited by hand, or a form post the server refuses, is a page in Vietnamese with the ways
 * forward. Before, these answered `{"error":{"code":"VALIDATION",…}}` as the page.
 */
describe("portal errors are pages for people", () => {
  const t = useTestApp();

  // A follow link with a code too long is the follow page with its form (follow-code.test.ts).
  it.each([
    ["a figures link with an unknown period", "/thong-ke?ky=thang-truoc-nua"],
    ["an answer id too long", `/hoi-dap/${"a".repeat(45)}`],
    ["a confirmation link with a mangled receipt", `/gui-yeu-cau/da-gui?ma=2612-VRXBJY&bn=${"a".repeat(90)}`],
  ])("%s → 400, an HTML page", async (_name, url) => {
    const res = await t.app.inject({ method: "GET", url });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.body).toContain("<h1>Không xử lý được yêu cầu</h1>");
    expect(res.body).toContain("Dữ liệu không hợp lệ.");
    expect(res.body).toContain('href="/tra-cuu"');
    expect(res.body).toContain('href="tel:1022"');
    expect(res.body).not.toContain('"error"');
  });

  it("a follow form over the size limit → 413, an HTML page", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/tra-cuu",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `ma=${"A".repeat(5000)}&sdt=0912345678`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain("Nội dung gửi lên quá lớn.");
  });

  it("the API, the assets and the health probe keep their JSON", async () => {
    const api = await t.app.inject({ url: `/api/v1/public/answers?q=${"a".repeat(300)}` });
    expect(api.statusCode).toBe(400);
    expect(api.headers["content-type"]).toMatch(/^application\/json/);
    const health = await t.app.inject({ url: "/healthz" });
    expect(health.headers["content-type"]).toMatch(/^application\/json/);
  });
});
