import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { choose, opened, screenshot, seriousViolations, signedIn, useConsole } from "./browser.js";

/**
 * «Tra cứu hỏi đáp» (docs/console.md, 5 Dec 2026): the operator, who reads the Q&A base but may
 * neither propose nor review, looks a published answer up as the caller speaks — typed without
 * diacritics, in the caller's words — opens it, copies it; the query stays in the address.
 */
describe("console Q&A lookup", () => {
  const h = useConsole();
  const question = "Test nhanh kháng nguyên tại nhà dương tính thì làm gì?";
  const colloquial = "test nhanh o nha duong tinh";

  const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Tìm trong bộ câu hỏi – trả lời" });
  /** One result of the list: its question, excerpt, field, agency and last change. */
  const resultOf = (page: Page, name: string) =>
    page.getByRole("listitem").filter({ has: page.getByRole("link", { name }) });
  /** «Cập nhật 05/12/2026 14:30» in a result: when its published answer last changed. */
  const updatedIn = (page: Page, name: string) =>
    resultOf(page, name).getByText(/^Cập nhật \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
  const overflow = (page: Page) =>
    page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

  it("the operator finds a published answer from the menu as they type, opens it and copies it", async () => {
    const { context, page } = await signedIn(h, "operator");
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.setViewportSize({ width: 1366, height: 768 });
    await opened(page, "/console/desk");
    await page.getByRole("menuitem", { name: "Tra cứu hỏi đáp" }).click();
    await page.getByRole("heading", { name: "Tra cứu hỏi đáp", level: 1 }).waitFor();
    // The box has the keys as the page opens: the operator types without reaching for the mouse.
    const box = searchBox(page);
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText("Nhập ít nhất 2 ký tự").waitFor();

    // No Enter: the search follows the typing, and the address keeps the query.
    await page.keyboard.type(colloquial);
    const result = page.getByRole("link", { name: question });
    await result.waitFor();
    await page.waitForURL((url) => url.searchParams.get("q") === colloquial);
    await page.getByRole("heading", { name: /^Câu trả lời đã công bố \(\d+\)$/ }).waitFor();
    // Whose answer and how current, without opening it (6 Dec 2026): what the open entry says.
    await resultOf(page, question)
      .getByText(/^Sở Y tế · Cập nhật/)
      .waitFor();
    const changed = (await updatedIn(page, question).textContent())?.replace(/^Cập nhật /, "");
    await screenshot(page, "50-kb-lookup-1366");
    expect(await seriousViolations(page)).toEqual([]);

    await result.click();
    const entry = page.getByRole("dialog", { name: question });
    await entry.getByText(/Báo ngay cho trạm y tế xã hoặc gọi 1022/).waitFor();
    await entry.getByText("Sở Y tế", { exact: true }).waitFor();
    expect(changed).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    await entry.getByText(changed ?? "", { exact: true }).waitFor();
    await page.waitForURL((url) => url.searchParams.has("id") && url.searchParams.get("q") === colloquial);
    await screenshot(page, "51-kb-lookup-entry-1366");
    expect(await seriousViolations(page)).toEqual([]);
    await entry.getByRole("button", { name: "Sao chép câu trả lời" }).click();
    await page.getByText("Đã sao chép câu trả lời").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
      /^Báo ngay cho trạm y tế xã hoặc gọi 1022; tự cách ly tại nhà/,
    );

    // Reloaded (or shared), the address shows the same answer open over the same results.
    await page.reload();
    await page
      .getByRole("dialog", { name: question })
      .getByText(/Báo ngay cho trạm y tế xã/)
      .waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog", { name: question }).waitFor({ state: "hidden" });
    expect(new URL(page.url()).searchParams.has("id")).toBe(false);
    expect(await searchBox(page).inputValue()).toBe(colloquial);
    await page.getByRole("link", { name: question }).waitFor();
    await context.close();
  });

  it("lists published answers only, narrows to a field, and says so when nothing or the server fails", async () => {
    const { context, page } = await signedIn(h, "operator");
    // The demo's "Gọi 1022 có mất phí không?" awaits review and its "Số điện thoại đường dây nóng
    // của Sở Y tế" is a draft: an operator must not read either out. Enter searches at once.
    await opened(page, "/console/lookup");
    await searchBox(page).fill("goi 1022 co mat phi khong");
    await searchBox(page).press("Enter");
    await page.getByRole("heading", { name: /^Câu trả lời đã công bố \(\d+\)$/ }).waitFor();
    await page.waitForFunction(() => !document.querySelector(".ant-spin-spinning"));
    expect(await page.getByRole("link", { name: "Gọi 1022 có mất phí không?" }).count()).toBe(0);
    await opened(page, "/console/lookup?q=so%20dien%20thoai%20duong%20day%20nong%20so%20y%20te");
    await page.getByRole("heading", { name: /^Câu trả lời đã công bố/ }).waitFor();
    await page.waitForFunction(() => !document.querySelector(".ant-spin-spinning"));
    expect(await page.getByRole("link", { name: /đường dây nóng của Sở Y tế/ }).count()).toBe(0);

    // The field filter: only entries of «Dịch tễ, cách ly y tế», kept in the address.
    await opened(page, "/console/lookup?q=cach%20ly");
    await choose(page.getByLabel("Lĩnh vực"), "dich te");
    await page.waitForURL((url) => url.searchParams.get("field") === "dich-te-cach-ly");
    await page.getByRole("link", { name: "F1 phải cách ly tại nhà bao nhiêu ngày?" }).waitFor();
    // The earlier results stay on screen until the narrowed ones arrive: wait for those.
    const fieldsShown = async () =>
      [...new Set(await page.locator(".ant-list-item .ant-tag").allTextContents())].join("|");
    await expect.poll(fieldsShown).toBe("Dịch tễ, cách ly y tế");

    await searchBox(page).fill("xyzzy qwerty");
    await searchBox(page).press("Enter");
    await page.getByText("Không tìm thấy câu trả lời đã công bố phù hợp").waitFor();

    await page.route(
      (url) => url.pathname === "/api/v1/kb/search",
      (route) =>
        route.fulfill({
          status: 503,
          contentType: "application/json",
          body: JSON.stringify({
            error: { code: "UNAVAILABLE", message: "Dịch vụ tạm thời không sẵn sàng." },
          }),
        }),
    );
    await searchBox(page).fill("f0 dieu tri o nha");
    await searchBox(page).press("Enter");
    await page.getByText("Dịch vụ tạm thời không sẵn sàng.").waitFor();
    await page.unrouteAll();
    await page.getByRole("button", { name: "Thử lại" }).click();
    await page.getByRole("link", { name: /\(F0\) điều trị tại nhà/ }).waitFor();
    await context.close();
  });

  it("fits a phone (390 px): no sideways scroll on the results nor in the open answer", async () => {
    const { context, page } = await signedIn(h, "operator");
    await page.setViewportSize({ width: 390, height: 844 });
    await opened(page, `/console/lookup?q=${encodeURIComponent(colloquial)}`);
    await page.getByRole("link", { name: question }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // The agency and the time stay on the screen, wrapped under the excerpt if need be.
    await resultOf(page, question)
      .getByText(/^Sở Y tế · Cập nhật/)
      .waitFor();
    const time = await updatedIn(page, question).boundingBox();
    expect(time ? time.x + time.width : Number.POSITIVE_INFINITY).toBeLessThanOrEqual(390);
    await screenshot(page, "52-kb-lookup-390");
    await page.getByRole("link", { name: question }).click();
    const entry = page.getByRole("dialog", { name: question });
    await entry.getByText(/Báo ngay cho trạm y tế xã/).waitFor();
    await entry.getByRole("button", { name: "Sao chép câu trả lời" }).waitFor();
    // It slides in from the right (its wrapper moves, not the dialog): in the screen once it stands.
    const edges = async () => {
      const box = await entry.boundingBox();
      return box ? [Math.round(box.x), Math.round(box.x + box.width)] : null;
    };
    await expect.poll(async () => (await edges())?.[0]).toBe(0);
    expect((await edges())?.[1]).toBeLessThanOrEqual(390);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "53-kb-lookup-entry-390");
    await context.close();
  });
});
