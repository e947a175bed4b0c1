import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { opened, screenshot, signedIn, useConsole } from "./browser.js";

/** The period and grouping the Reports page shows. */
const shown = async (page: Page) => ({
  from: await page.locator("#report-from").inputValue(),
  to: await page.locator("#report-to").inputValue(),
  group: await page
    .locator(".ant-select", { has: page.locator("#report-group") })
    .locator(".ant-select-content")
    .textContent(),
});

/**
 * The thirty-seventh session's walk (docs/console.md): what an agency leader saw that was wrong on
 * the Reports page, one test each.
 */
describe("walk of the thirty-seventh session — reports", () => {
  const h = useConsole();

  it("a leader's agency filter shows their own agency, fixed, and offers none the server refuses", async () => {
    // The filter listed all 185 agencies; choosing another than the leader's own put two red boxes
    // «Đã có lỗi — Bạn không có quyền thực hiện thao tác này» in place of the figures and charts.
    const { context, page } = await signedIn(h, "leader");
    await page.setViewportSize({ width: 1366, height: 768 });
    await opened(page, "/console/reports");
    const filter = page.locator(".ant-select", { has: page.locator("#report-agency") });
    await filter.getByText("Sở Y tế").waitFor();
    expect(await page.locator("#report-agency").isDisabled()).toBe(true);
    await page.getByRole("cell", { name: "Sở Y tế" }).first().waitFor();
    expect(await page.getByText("Bạn không có quyền thực hiện thao tác này").count()).toBe(0);
    await screenshot(page, "48-walk-reports-leader-1366");
    await context.close();
  });

  it("the period and the grouping chosen stay through a reload and Back (thirty-ninth session)", async () => {
    // They were the page's state only: a reload, or Back from the board, put the coordinator on
    // this month grouped by agency again, with nothing to say the figures were not the ones chosen.
    const { context, page } = await signedIn(h, "coordinator");
    await page.setViewportSize({ width: 1366, height: 768 });
    await opened(page, "/console/reports");
    await page.getByRole("button", { name: "Tháng trước" }).click();
    await page.locator("#report-group").click();
    await page.locator(".ant-select-item-option", { hasText: "Lĩnh vực" }).click();
    await page.getByRole("columnheader", { name: "Lĩnh vực" }).waitFor();
    const chosen = await shown(page);
    expect(chosen.group).toBe("Lĩnh vực");
    await page.reload();
    await page.getByRole("columnheader", { name: "Lĩnh vực" }).waitFor();
    expect(await shown(page)).toEqual(chosen);
    await page.getByRole("menuitem", { name: "Điều phối" }).click();
    await page.getByRole("heading", { name: "Bảng điều phối" }).waitFor();
    await page.goBack();
    await page.getByRole("columnheader", { name: "Lĩnh vực" }).waitFor();
    expect(await shown(page)).toEqual(chosen);
    await context.close();
  });

  it("a period without data says so in each chart instead of bare axes (thirty-ninth session)", async () => {
    const { context, page } = await signedIn(h, "coordinator");
    await page.setViewportSize({ width: 1366, height: 768 });
    await opened(page, "/console/reports");
    await page.locator("#report-from").click();
    await page.locator("#report-from").fill("01/01/2025");
    await page.locator("#report-to").click();
    await page.locator("#report-to").fill("31/01/2025");
    await page.locator("#report-to").press("Enter");
    await page.getByText("Không có số liệu trong kỳ").waitFor();
    await page.getByText("Không có yêu cầu nào được tiếp nhận trong kỳ.").waitFor();
    await expect.poll(() => page.getByText("Không có phiếu chuyển cơ quan nào trong kỳ.").count()).toBe(2);
    expect(await page.getByRole("img", { name: /theo cơ quan|theo ngày/ }).count()).toBe(0);
    await screenshot(page, "49-walk-reports-empty-period-1366");
    await context.close();
  });
});
