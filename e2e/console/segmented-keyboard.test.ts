import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { opened, signedIn, useConsole } from "./browser.js";

/** What has the keyboard focus: an element of a Segmented control (its label and option), or not. */
function focusOf(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const group = el?.closest(".ant-segmented");
    return {
      group: group?.getAttribute("aria-label") ?? null,
      radio: el?.getAttribute("type") === "radio",
      checked: el?.checked ?? false,
      option: (el?.closest(".ant-segmented-item")?.textContent ?? "").trim(),
    };
  });
}

/**
 * 6 Dec 2026: antd's Segmented took two Tab stops — its frame (a focusable `radiogroup` div, which
 * the arrow keys do not move from) and then the checked radio. The console's switches (the desk's
 * queues, the language, the inbox's deadlines, the reports' period, the data requests' state) are
 * `RadioSegmented`: one Tab stop, arrow keys between the options (WAI-ARIA radio group).
 */
describe("console Segmented controls for the keyboard", () => {
  const h = useConsole();

  it("each is one Tab stop, on its checked option", async () => {
    const { context, page } = await signedIn(h, "operator");
    await opened(page, "/console/desk");
    const stops: Awaited<ReturnType<typeof focusOf>>[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      const f = await focusOf(page);
      if (f.group) stops.push(f);
    }
    const groups = [...new Set(stops.map((s) => s.group))];
    expect(groups).toEqual(expect.arrayContaining(["Danh sách công việc", "Ngôn ngữ"]));
    for (const s of stops) expect(s).toMatchObject({ radio: true, checked: true });
    // Never twice in a row within one control: Tab leaves it at once.
    for (let i = 1; i < stops.length; i++) expect(stops[i]?.group).not.toBe(stops[i - 1]?.group);
    await context.close();
  });

  it("the arrow keys move between the options, one at a time, and choose the one reached", async () => {
    const { context, page } = await signedIn(h, "operator");
    await opened(page, "/console/desk");
    const queues = page.getByRole("radiogroup", { name: "Danh sách công việc" });
    const options = (await queues.locator(".ant-segmented-item").allTextContents()).map((s) => s.trim());
    expect(options.length).toBeGreaterThanOrEqual(3);
    await queues.getByRole("radio", { checked: true }).focus();
    expect(await focusOf(page)).toMatchObject({ option: options[0], checked: true });

    await page.keyboard.press("ArrowRight");
    await expect.poll(() => focusOf(page)).toMatchObject({ option: options[1], checked: true });
    await page.waitForURL(/[?&]tab=/);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => focusOf(page)).toMatchObject({ option: options[2], checked: true });
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => focusOf(page)).toMatchObject({ option: options[0], checked: true });
    await page.waitForURL((url) => !url.searchParams.has("tab"));
    await context.close();
  });

  it("the data requests' state filter is named in Vietnamese, not antd's «segmented control»", async () => {
    const { context, page } = await signedIn(h, "coordinator");
    await opened(page, "/console/data-requests");
    const filter = page.getByRole("radiogroup", { name: "Lọc theo trạng thái" });
    await filter.getByRole("radio", { name: "Đang xử lý", checked: true }).waitFor({ state: "attached" });
    expect(await page.getByRole("radiogroup", { name: "segmented control" }).count()).toBe(0);
    await context.close();
  });
});
