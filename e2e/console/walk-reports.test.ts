import { describe, expect, it } from "vitest";
import { opened, screenshot, signedIn, useConsole } from "./browser.js";

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
});
