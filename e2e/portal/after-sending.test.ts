import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execRaw } from "../../src/server/db/client.js";
import { launchBrowser, type PortalServer, phoneContext, startServer } from "./setup.js";

/**
 * Back from the confirmation (6 December 2026, walk-cit-39): the browser fills the form again with
 * what was sent, in a page drawn with a new Idempotency-Key, so «Gửi yêu cầu» pressed again — by a
 * citizen unsure it went — stored a second request with a second code. Now that page sends under
 * the key it was sent with: the same request and code, as a page sent twice always was (issue 15).
 */
describe("Back after sending, at 390×844", () => {
  let server: PortalServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("sending the form again from Back answers the same code, one request stored", async () => {
    const context = await phoneContext(browser, server.baseURL);
    const page = await context.newPage();
    const content = "Đèn đường trên đường Lê Lợi, phường Hạc Thành không sáng đã một tuần.";
    await page.goto("/gui-yeu-cau");
    await page.getByLabel("Họ và tên").fill("Đỗ Văn Nam");
    await page.getByLabel("Số điện thoại").fill("0912 678 901");
    await page.getByLabel("Địa chỉ liên hệ").fill("Số 3 Lê Lợi, phường Hạc Thành");
    await page.getByLabel("Nội dung yêu cầu").fill(content);
    await page.locator("#captcha-status", { hasText: "✓" }).waitFor();
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await page.waitForURL(/\/gui-yeu-cau\/da-gui\?ma=/);
    const first = (await page.locator("#request-code").textContent()) ?? "";
    expect(first).toMatch(/^\d{4}-[0-9A-Z]{6}$/);

    await page.goBack();
    // The browser kept what was typed: the citizen sees the form as it was sent.
    await expect.poll(() => page.getByLabel("Nội dung yêu cầu").inputValue()).toBe(content);
    await page.locator("#captcha-status", { hasText: "✓" }).waitFor();
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await page.waitForURL(/\/gui-yeu-cau\/da-gui\?ma=/);
    // Before: a second code, a second request for the same lamp.
    expect(await page.locator("#request-code").textContent()).toBe(first);
    const stored = await execRaw<{ code: string }>(server.t.ctx.db, sql`select code from requests`);
    expect(stored.map((r) => r.code)).toEqual([first]);

    // A new form opened from the menu is a new request.
    await page.goto("/gui-yeu-cau");
    await page.getByLabel("Họ và tên").fill("Đỗ Văn Nam");
    await page.getByLabel("Số điện thoại").fill("0912 678 901");
    await page.getByLabel("Địa chỉ liên hệ").fill("Số 3 Lê Lợi, phường Hạc Thành");
    await page.getByLabel("Nội dung yêu cầu").fill("Cống trước số 3 Lê Lợi bị tắc, nước tràn lên vỉa hè.");
    await page.locator("#captcha-status", { hasText: "✓" }).waitFor();
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await page.waitForURL(/\/gui-yeu-cau\/da-gui\?ma=/);
    expect(await page.locator("#request-code").textContent()).not.toBe(first);
    await context.close();
  });
});
