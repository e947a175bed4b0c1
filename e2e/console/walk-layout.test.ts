import { describe, expect, it } from "vitest";
import { opened, screenshot, signedIn, useConsole } from "./browser.js";

/**
 * The thirty-sixth session's layout walk at 1366×768 and 390×844 (docs/console.md): the calendar's
 * fields, the phone's menu button, the report's wide table and the board's headings.
 */
describe("layout walk of the thirty-sixth session", () => {
  const h = useConsole();

  it("the calendar suggests no hours on a rest day, and its year field has a visible label", async () => {
    // «07:00-11:30, 13:30-17:00» stood greyed in the empty Saturday and Sunday fields; the year
    // beside «Thêm» had only an aria-label.
    const { context, page } = await signedIn(h, "admin");
    await page.setViewportSize({ width: 1366, height: 768 });
    await opened(page, "/console/admin/calendar");
    const weekly = page.locator(".ant-card").filter({ hasText: "Lịch tuần" });
    const fields = await weekly.locator("input").evaluateAll((inputs) =>
      (inputs as HTMLInputElement[]).map((input) => ({
        value: input.value,
        placeholder: input.placeholder,
      })),
    );
    const empty = fields.filter((field) => field.value === "");
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.filter((field) => /\d{1,2}:\d{2}/.test(field.placeholder))).toEqual([]);
    const yearly = page.locator(".ant-card").filter({ hasText: "Lịch nghỉ, làm bù theo năm" });
    const year = yearly.getByLabel("Năm", { exact: true });
    const id = await year.getAttribute("id");
    const label = yearly.locator(`label[for="${id}"]`);
    expect(await label.isVisible()).toBe(true);
    expect((await label.textContent())?.trim()).toBe("Năm");
    await screenshot(page, "48-layout-calendar-1366");
    await context.close();
  });

  it("at 390 px the menu button stands whole inside the page, with no line down the left edge", async () => {
    // The folded menu's button touched x = 0 (its left edge cut) and the folded sider's 1 px border
    // ran down the page.
    const { context, page } = await signedIn(h, "coordinator");
    await page.setViewportSize({ width: 390, height: 844 });
    await opened(page, "/console/board");
    const trigger = page.locator(".ant-layout-sider-zero-width-trigger");
    const box = await trigger.boundingBox();
    expect(box?.x ?? 0).toBeGreaterThanOrEqual(8);
    const sider = await page.locator(".ant-layout-sider").boundingBox();
    expect(sider?.width).toBe(0);
    // The button keeps clear of the header's first item (the live status).
    const live = await page.locator(".top-bar .ant-badge").first().boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(live?.x ?? 0);
    await screenshot(page, "49-layout-menu-390");
    await context.close();
  });

  it("at 390 px the report's table shows it scrolls: a shaded edge and a cut column", async () => {
    // Only «Cơ quan» and «Tiếp nhận» showed, the other columns off to the side with no sign of them.
    const { context, page } = await signedIn(h, "coordinator");
    await page.setViewportSize({ width: 390, height: 844 });
    await opened(page, "/console/reports");
    const table = page.locator(".ant-table-wrapper", { hasText: "Số liệu tổng hợp" }).first();
    await table.locator("tbody tr.ant-table-row").first().waitFor();
    // The edge where columns lie out of sight is shaded, dark enough to be seen (antd's own shadow
    // is rgba(5, 5, 5, 0.06)).
    const shade = await table.locator(".ant-table").evaluate((box) => {
      const container = box.querySelector(".ant-table-container");
      const shadow = container ? getComputedStyle(container, "::after").boxShadow : "";
      const alpha = /rgba?\([^)]*?,\s*([\d.]+)\)/.exec(shadow)?.[1];
      return { shown: box.classList.contains("ant-table-fix-end-shadow-show"), alpha: Number(alpha ?? 0) };
    });
    expect(shade.shown).toBe(true);
    expect(shade.alpha).toBeGreaterThanOrEqual(0.15);
    // The agency's name leaves room for more than one figure: the next column shows, cut at the edge.
    const heads = await table.locator("thead th").evaluateAll((cells) =>
      cells.map((cell) => {
        const r = cell.getBoundingClientRect();
        return { left: r.left, right: r.right };
      }),
    );
    const view = await table.locator(".ant-table-content").boundingBox();
    const right = (view?.x ?? 0) + (view?.width ?? 0);
    expect(heads.filter((cell) => cell.left < right - 40).length).toBeGreaterThanOrEqual(3);
    await screenshot(page, "50-layout-reports-390");
    await context.close();
  });

  it("at 1366 px the board's «Số nghĩa vụ quá hạn» heading stands on one line", async () => {
    const { context, page } = await signedIn(h, "coordinator");
    await page.setViewportSize({ width: 1366, height: 768 });
    await opened(page, "/console/board");
    const heading = page
      .locator(".ant-card", { hasText: "Nghĩa vụ quá hạn theo cơ quan" })
      .locator("th .ant-table-column-title", { hasText: "Số nghĩa vụ quá hạn" });
    await heading.waitFor();
    const lines = await heading.evaluate((title) => {
      const range = document.createRange();
      range.selectNodeContents(title);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
    await screenshot(page, "51-layout-board-1366");
    await context.close();
  });
});
