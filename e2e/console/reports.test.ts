import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { timeLimitsResponse } from "../../src/shared/schemas/reports.js";
import { forwardedRequest, screenshot, seriousViolations, signedIn, useConsole } from "./browser.js";

/**
 * Issue 11 in the console: the Reports page (figures, charts, downloads), missed obligations on the
 * coordinator's board, waiving an obligation with a reason, and the administrator's time limits.
 * Needs the obligations and reports endpoints of the server (GET /api/v1/reports/*,
 * /api/v1/obligations/*, /api/v1/admin/time-limits).
 */
describe("console reports and obligations", () => {
  const h = useConsole();
  let coordinator: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    coordinator = await signedIn(h, "coordinator");
  });

  it("coordinator reads the figures, sees the charts and downloads a report and an extraction", async () => {
    const { page, context } = coordinator;
    await page.goto("/console/board");
    await page.getByRole("menuitem", { name: "Báo cáo, thống kê" }).click();
    await page.getByRole("heading", { name: "Báo cáo, thống kê", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Năm nay" }).click();
    await page.getByRole("heading", { name: "Số liệu tổng hợp" }).waitFor();
    await page.getByRole("columnheader", { name: "Tỷ lệ đúng hạn" }).waitFor();
    // Fourteenth session: slips returned without an answer after their deadline.
    await page.getByRole("columnheader", { name: "Trả lại quá hạn" }).waitFor();
    for (const chart of [
      "Yêu cầu tiếp nhận theo ngày và kênh",
      "Tỷ lệ trả lời đúng hạn theo cơ quan",
      "Nghĩa vụ không thực hiện đúng hạn theo cơ quan",
    ]) {
      await page.getByRole("img", { name: chart }).locator("canvas").first().waitFor();
    }
    // Thirty-fifth session: requests never forwarded are not ranked among the agencies — neither a
    // row of the table nor a bar of the charts, but a line apart under each.
    await page
      .locator("tr.report-not-forwarded")
      .getByText("Không chuyển cơ quan nào (không xếp hạng)")
      .waitFor();
    expect(
      await page.locator("tbody tr.ant-table-row").filter({ hasText: "Chưa chuyển cơ quan" }).count(),
    ).toBe(0);
    await page
      .getByText(/^Không chuyển cơ quan nào \(không xếp hạng đúng hạn\): \d+ yêu cầu tiếp nhận/)
      .waitFor();
    await screenshot(page, "30-reports");
    expect(await seriousViolations(page)).toEqual([]);
    // A laptop and a phone: the filters stack, the table scrolls sideways inside its card.
    for (const [width, height] of [
      [1366, 768],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.getByRole("heading", { name: "Số liệu tổng hợp" }).waitFor();
      // Chart titles wrap instead of being cut (issue 18): each whole title is inside its card.
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>(".ant-card-head-title")]
          .filter((e) => e.scrollWidth > e.clientWidth + 1)
          .map((e) => e.textContent),
      );
      expect(cut).toEqual([]);
      // The figures' headings break between words, never inside one («Chuy|ển cơ quan» in 75 px
      // columns): a word that spans two lines has two boxes.
      const brokenWords = await page.evaluate(() => {
        const broken: string[] = [];
        for (const th of document.querySelectorAll("thead th")) {
          const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? "";
            for (const word of text.matchAll(/\S+/gu)) {
              const range = document.createRange();
              range.setStart(node, word.index);
              range.setEnd(node, word.index + word[0].length);
              if (range.getClientRects().length > 1) broken.push(word[0]);
            }
          }
        }
        return broken;
      });
      expect(brokenWords).toEqual([]);
      if (width === 390) {
        // On a phone the filters beyond the period fold behind one button: the figures come sooner.
        const more = page.getByRole("button", { name: /^Thêm bộ lọc \(\d+\)$/ });
        await more.waitFor();
        expect(await page.getByLabel("Lĩnh vực").count()).toBe(0);
        const table = await page.getByRole("heading", { name: "Số liệu tổng hợp" }).boundingBox();
        expect(table?.y ?? 9999).toBeLessThan(844 * 1.2);
        await more.click();
        await page.getByLabel("Lĩnh vực").waitFor();
        await screenshot(page, "30-reports-390-filters");
        await page.getByRole("button", { name: "Thu gọn bộ lọc" }).click();
      }
      await screenshot(page, `30-reports-${width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    const monthly = page.getByRole("link", { name: /Tải XLSX \(tháng \d{1,2}\/\d{4}\)$/ });
    const xlsx = await context.request.get((await monthly.getAttribute("href")) ?? "");
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
    const csv = await context.request.get(
      (await page.getByRole("link", { name: "Trích xuất CSV" }).getAttribute("href")) ?? "",
    );
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
  });

  it("coordinator sees missed obligations by agency on the board and waives an obligation with a reason", async () => {
    // A request forwarded to the Department of Health: its answer obligation is open.
    const request = await forwardedRequest(
      h,
      {
        channel: "phone",
        requester: { kind: "person", fullName: "Lê Văn Dũng", phone: "0912345678", address: "Xã Hoằng Lộc" },
        content: "Trạm y tế xã đóng cửa vào giờ hành chính, đề nghị kiểm tra.",
        urgency: "normal",
        publishConsent: false,
      },
      { transferAttempt: "not_attempted" },
    );

    const { page } = coordinator;
    await page.goto("/console/board");
    await page.getByRole("heading", { name: "Nghĩa vụ quá hạn theo cơ quan" }).waitFor();

    await page.goto(`/console/requests/${request.id}`);
    await page.getByRole("heading", { name: "Nghĩa vụ theo thời hạn" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: "Trả lời yêu cầu" });
    await row.getByText("Đang trong hạn").waitFor();
    await row.getByRole("button", { name: "Miễn nghĩa vụ: Trả lời yêu cầu" }).click();
    const dialog = page.getByRole("dialog", { name: /Miễn nghĩa vụ/ });
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await dialog.getByText("Vui lòng nhập lý do miễn").waitFor();
    await dialog.getByLabel("Lý do miễn").fill("Người yêu cầu rút yêu cầu qua điện thoại.");
    await screenshot(page, "31-waive-obligation");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await dialog.waitFor({ state: "hidden" });
    await row.getByText("Đã miễn", { exact: true }).waitFor();
    await row.getByText(/Người yêu cầu rút yêu cầu/).waitFor();
  });

  it("administrator changes a time limit next to the calendar", async () => {
    const { context, page } = await signedIn(h, "admin");
    await page.goto("/console/admin/calendar");
    await page.getByRole("menuitem", { name: "Thời hạn xử lý" }).click();
    await page.getByRole("heading", { name: "Thời hạn xử lý theo quy chế", level: 1 }).waitFor();
    const answer = page.getByLabel("Số giờ làm việc: Trả lời yêu cầu sau khi nhận phiếu chuyển");
    await answer.fill("500");
    await page.getByRole("button", { name: "Lưu thời hạn" }).click();
    // The shared schema's limit (at most 400 working hours), checked before anything is sent.
    await page.getByText("Giá trị không được lớn hơn 400").waitFor();
    await answer.fill("16");
    await page.getByRole("button", { name: "Lưu thời hạn" }).click();
    await page.getByText("Đã lưu thời hạn xử lý").waitFor();
    const limits: z.infer<typeof timeLimitsResponse> = await (
      await context.request.get("/api/v1/admin/time-limits")
    ).json();
    expect(limits.limits.find((l) => l.code === "answer")?.hours).toBe(16);
    await screenshot(page, "32-admin-time-limits");
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
