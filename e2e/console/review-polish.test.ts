import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createRequest, opened, SCREENSHOTS, screenshot, signedIn, useConsole } from "./browser.js";

/** The thirty-seventh session's review of the console: the audit's request codes, long texts, the top bar. */
describe("console review: audit codes, long request texts, the signed-in name", () => {
  const h = useConsole();

  it("the audit log names a request by its code, linking to the request page", async () => {
    // It showed a cut uuid («3f2a9c1b…»), which nobody can look up.
    const { context, page } = await signedIn(h, "coordinator");
    await opened(page, "/console/admin/audit?entity=request");
    const link = page.locator(".ant-table-row td:nth-child(3) a").first();
    await link.waitFor();
    const code = (await link.textContent()) ?? "";
    expect(code).toMatch(/^\d{4}-[A-Z0-9]{6}$/);
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/\/requests\/[0-9a-f-]{36}$/);
    await screenshot(page, "review37-audit-request-codes-1366");
    await link.click();
    await page.getByText(code).first().waitFor();
    await context.close();
  });

  it("a 5,000-character request is folded to about six lines, whole behind «Xem thêm» / «Thu gọn»", async () => {
    const { context, page } = await signedIn(h, "operator");
    const sentence =
      "Gia đình tôi ở thôn Đông, xã Quảng Phú, hỏi về việc cấp lại sổ hộ khẩu và bảo hiểm y tế. ";
    const content = `${sentence.repeat(60)}Kết thúc.`.slice(-5000);
    const request = await createRequest(context, {
      channel: "phone",
      requester: { fullName: "Lê Văn Dài", phone: "0912345678", address: "Xã Quảng Phú" },
      content,
    });
    for (const [width, height] of [
      [1366, 768],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const path of [`/console/requests/${request.id}`, `/console/desk?r=${request.id}`]) {
        await opened(page, path);
        const more = page.getByRole("button", { name: "Xem thêm" });
        await more.waitFor();
        expect(await more.getAttribute("aria-expanded")).toBe("false");
        const text = page.locator(`[id="${await more.getAttribute("aria-controls")}"]`);
        // Nothing lost: the whole text is in the page, only folded.
        expect(((await text.textContent()) ?? "").trim()).toBe(content.trim());
        const folded = (await text.boundingBox())?.height ?? 0;
        const line = await text.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight));
        expect(folded).toBeGreaterThan(line * 5.5);
        expect(folded).toBeLessThan(line * 6.5);
        await more.click();
        const less = page.getByRole("button", { name: "Thu gọn" });
        expect(await less.getAttribute("aria-expanded")).toBe("true");
        expect((await text.boundingBox())?.height ?? 0).toBeGreaterThan(folded * 2);
        // The window as it is: a full-page shot resizes it, and the request's table lays out anew.
        if (!path.includes("desk"))
          await page.screenshot({ path: join(SCREENSHOTS, `review37-long-text-open-${width}.png`) });
        await less.click();
        await more.waitFor();
        if (path.includes("desk")) await screenshot(page, `review37-long-text-desk-${width}`);
      }
    }
    // A short text has no button.
    const short = await createRequest(context, {
      channel: "phone",
      requester: { fullName: "Lê Văn Ngắn", phone: "0912345679", address: "Xã Quảng Phú" },
      content: "Hỏi giờ làm việc của bộ phận một cửa.",
    });
    await opened(page, `/console/requests/${short.id}`);
    await page.getByText("Hỏi giờ làm việc của bộ phận một cửa.").waitFor();
    expect(await page.getByRole("button", { name: "Xem thêm" }).count()).toBe(0);
    await context.close();
  });

  it("the signed-in name in the top bar is whole on the desk, at 1366×768 and 390×844", async () => {
    for (const user of ["operator", "focal", "coordinator"]) {
      const { context, page } = await signedIn(h, user);
      for (const [width, height] of [
        [1366, 768],
        [390, 844],
      ] as const) {
        await page.setViewportSize({ width, height });
        await opened(page, user === "operator" ? "/console/desk" : "/console/");
        const name = page.locator(".top-bar-name");
        await name.waitFor();
        await expect.poll(() => cut(page)).toEqual({ cut: 0, outside: 0 });
        await screenshot(page, `review37-top-bar-${user}-${width}`);
      }
      await context.close();
    }
  });
});

/** How many pixels of the name are cut off, and how far the top bar runs past the window. */
async function cut(page: Page): Promise<{ cut: number; outside: number }> {
  return page.evaluate(() => {
    const name = document.querySelector<HTMLElement>(".top-bar-name");
    const bar = document.querySelector<HTMLElement>(".top-bar");
    if (!name || !bar) return { cut: -1, outside: -1 };
    return {
      cut: Math.max(0, name.scrollWidth - name.clientWidth, name.scrollHeight - name.clientHeight),
      outside: Math.max(
        0,
        Math.round(bar.getBoundingClientRect().right - document.documentElement.clientWidth),
      ),
    };
  });
}
