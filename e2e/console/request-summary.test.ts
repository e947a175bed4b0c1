import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createRequest, opened, screenshot, signedIn, useConsole } from "./browser.js";

const LABELS = ["Tiếp nhận lúc", "Kênh", "Người yêu cầu", "Cơ quan xử lý", "Thời hạn", "Nội dung"];

/**
 * The request page's summary on a phone (thirty-eighth session): at 390×844 its labels, squeezed
 * into a column beside their values, wrapped onto three lines («Tiếp / nhận / lúc»). On a phone each
 * label now stands above its value; at 1366 px it stays beside it.
 */
describe("the request summary at 390 and 1366 px", () => {
  const h = useConsole();

  it("labels on one line above their values on a phone, beside them on a laptop", async () => {
    const { context, page } = await signedIn(h, "operator");
    const request = await createRequest(context, {
      channel: "phone",
      requester: { fullName: "Nguyễn Thị Hoa", phone: "0912345680", address: "Xã Quảng Phú" },
      content: "Hỏi lịch tiêm vắc xin sởi cho trẻ 9 tháng tuổi ở trạm y tế xã.",
    });
    for (const [width, height, beside] of [
      [390, 844, false],
      [1366, 768, true],
    ] as const) {
      await page.setViewportSize({ width, height });
      await opened(page, `/console/requests/${request.id}`);
      const labels = await summaryLabels(page);
      await screenshot(page, `request-summary-${width}`);
      expect(labels.map((l) => l.text)).toEqual(LABELS);
      for (const label of labels) {
        expect(label.lines, `${label.text} at ${width}`).toBe(1);
        expect(label.beside, `${label.text} at ${width}`).toBe(beside);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    await context.close();
  });
});

/** Each label of the summary: its text, the lines it takes, and whether its value is beside it. */
async function summaryLabels(page: Page): Promise<{ text: string; lines: number; beside: boolean }[]> {
  const summary = page.locator(".ant-descriptions").filter({ hasText: "Tiếp nhận lúc" }).first();
  await summary.waitFor();
  return summary.evaluate((root) =>
    [...root.querySelectorAll<HTMLElement>(".ant-descriptions-item-label")].map((label) => {
      const range = document.createRange();
      range.selectNodeContents(label);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      // Bordered and horizontal, the value is the next cell of the label's row; vertical, the row below.
      const next = label.closest("th, td")?.nextElementSibling;
      return {
        text: (label.textContent ?? "").trim(),
        lines: tops.size,
        beside: next?.classList.contains("ant-descriptions-item-content") ?? false,
      };
    }),
  );
}
