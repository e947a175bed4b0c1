import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createRequest, forwardedRequest, opened, settled, signedIn, useConsole } from "./browser.js";

/**
 * Thirty-eighth session: a page whose query had answered was replaced by an error box when a refresh
 * in the background failed (TanStack Query keeps the data but reports the error), and whatever was
 * being typed in it went with it — the whole console when the refresh was the session's (/auth/me).
 * The page now stays, with what was typed; the request page says its figures may be out of date.
 */
describe("a refresh that fails in the background keeps the page and what was typed", () => {
  const h = useConsole();

  /** Makes the given GETs fail from now on and counts them; the console is made to refresh at once. */
  async function refreshFails(page: Page, paths: string[]): Promise<() => number> {
    let failed = 0;
    await page.route(
      (url) => paths.includes(url.pathname),
      async (route) => {
        if (route.request().method() !== "GET") return route.continue();
        failed += 1;
        await route.fulfill({ status: 503, contentType: "application/json", body: "{}" });
      },
    );
    // Past every staleness (the session's five minutes too), then back to the tab: the console refreshes.
    await page.clock.fastForward("10:00");
    await page.evaluate(() => window.dispatchEvent(new Event("visibilitychange")));
    return () => failed;
  }

  it("the administrator's typed days off stay when the calendar and the session cannot be reloaded", async () => {
    const { context, page } = await signedIn(h, "admin");
    await page.clock.install();
    await opened(page, "/console/admin/calendar");
    await page
      .getByRole("button", { name: /^Năm \d{4} — \d+ ngày nghỉ/ })
      .first()
      .click();
    await settled(page.locator(".ant-collapse-item-active"));
    const daysOff = page.locator(".ant-collapse-item-active").getByLabel("Ngày nghỉ", { exact: true });
    const typed = `${await daysOff.inputValue()}\n2026-12-31; nghỉ lễ; Đang gõ dở`;
    await daysOff.fill(typed);
    const failed = await refreshFails(page, ["/api/v1/admin/calendar", "/api/v1/auth/me"]);
    // The calendar's query tries three times (a 5xx may pass); the session's once.
    await expect.poll(failed, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    await page.clock.fastForward("00:10");
    expect(await page.getByText("Đã có lỗi").count()).toBe(0);
    expect(await daysOff.inputValue()).toBe(typed);
    await context.close();
  });

  it("the request page stays, with a note typed, and says its figures may be out of date", async () => {
    const operator = await signedIn(h, "operator");
    const request = await createRequest(operator.context, {
      channel: "portal",
      requester: { fullName: "Lê Văn Tâm", phone: "0916 222 333", address: "Thôn 5" },
      content: "Cống thoát nước ở thôn 5 bị tắc, nước tràn vào nhà dân mỗi khi mưa.",
      field: "phan-anh-vi-pham",
    });
    const { page, context } = operator;
    await page.clock.install();
    await opened(page, `/console/requests/${request.id}`);
    const note = page.getByLabel("Ghi chú mới");
    await note.fill("Đã gọi cho trưởng thôn, chờ xác minh");
    const failed = await refreshFails(page, [`/api/v1/requests/${request.id}`]);
    await expect.poll(failed, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await page.clock.fastForward("00:10");
    await page.getByText("Chưa tải lại được dữ liệu mới nhất").waitFor();
    await page.getByRole("heading", { level: 1, name: request.code }).waitFor();
    expect(await note.inputValue()).toBe("Đã gọi cho trưởng thôn, chờ xác minh");
    // «Thử lại» reloads it once the server answers again; the notice goes.
    await page.unrouteAll();
    await page.getByRole("button", { name: "Thử lại" }).click();
    await page.getByText("Chưa tải lại được dữ liệu mới nhất").waitFor({ state: "hidden" });
    await context.close();
  });

  it("the focal point's answer being typed stays when the inbox cannot be reloaded", async () => {
    const request = await forwardedRequest(h, {
      channel: "portal",
      requester: { fullName: "Phạm Thị Lan", phone: "0916 777 888", address: "Thôn 2" },
      content: "Xin hỏi lịch tiêm vắc xin sởi cho trẻ 9 tháng tuổi tại trạm y tế xã?",
      field: "y-te-xet-nghiem-tiem-phong",
    });
    const { context, page } = await signedIn(h, "focal");
    await page.clock.install();
    await opened(page, `/console/inbox?r=${request.id}`);
    await page.getByRole("button", { name: "Cập nhật kết quả trả lời" }).click();
    const answer = page
      .getByRole("dialog", { name: "Cập nhật kết quả trả lời" })
      .getByLabel("Nội dung trả lời");
    const typed = "Chị Lan: trạm y tế xã tiêm vắc xin sởi vào ngày 15 hằng tháng, mang theo sổ tiêm chủng.";
    await answer.fill(typed);
    const failed = await refreshFails(page, [`/api/v1/requests/${request.id}`]);
    await expect.poll(failed, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await page.clock.fastForward("00:10");
    await page.getByText("Chưa tải lại được dữ liệu mới nhất").waitFor();
    expect(await answer.inputValue()).toBe(typed);
    await context.close();
  });
});
