import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../../scripts/prepare.mjs";
import { FEEDBACK_MESSAGES } from "../../src/server/http/portal/feedback-form.js";
import { solveCaptcha } from "../../src/test/captcha.js";
import { seriousViolations } from "../browser.js";
import { answerAndPublish, launchBrowser, type PortalServer, phoneContext, startServer } from "./setup.js";

const phone = "0905 111 222";

/**
 * The follow page's rating form sent empty (6 December 2026, thirty-sixth session): the browser's own
 * message showed (English, or generic), and without JavaScript the answer lost what was typed. Now
 * the Vietnamese message shows at the field, and without JavaScript the form comes back as typed.
 */
describe("the rating form sent incomplete, in the browser", () => {
  let server: PortalServer;
  let browser: Browser;
  let code = "";

  beforeAll(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const res = await server.t.app.inject({
      method: "POST",
      url: "/api/v1/public/requests",
      payload: {
        fullName: "Phạm Văn Cường",
        phone,
        address: "Xã Hoằng Hóa",
        content: "Xin hỏi trạm y tế xã có tiêm phòng vào cuối tuần không?",
        captcha: await solveCaptcha(server.t.app),
      },
    });
    code = res.json<{ code: string }>().code;
    await answerAndPublish(server, code, {
      answer: "Trạm y tế xã tổ chức tiêm phòng sáng thứ Bảy hằng tuần.",
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function followed(javaScript: boolean): Promise<Page> {
    const page = await (await phoneContext(browser, server.baseURL, javaScript)).newPage();
    await page.goto(`/tra-cuu?ma=${code}`);
    await page.getByLabel("Số điện thoại").fill(phone);
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await page.getByRole("heading", { name: "Ý kiến đánh giá của bạn" }).waitFor();
    return page;
  }

  it("with JavaScript: the Vietnamese messages at the fields, nothing sent", async () => {
    const page = await followed(true);
    await page.getByLabel("Ý kiến (không bắt buộc)").fill("Cán bộ nhiệt tình");
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await expect
      .poll(() => page.locator("#da_giai_quyet-err").textContent())
      .toBe(FEEDBACK_MESSAGES.da_giai_quyet);
    expect(await page.locator("#muc_hai_long-err").textContent()).toBe(FEEDBACK_MESSAGES.muc_hai_long);
    expect(await page.getByLabel("Mức hài lòng").getAttribute("aria-invalid")).toBe("true");
    expect(
      await page.getByLabel("Đã giải quyết", { exact: true }).evaluate((e) => e === document.activeElement),
    ).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/tra-cuu");
    // A field corrected loses its message at once.
    await page.getByLabel("Mức hài lòng").selectOption("4");
    expect(await page.locator("#muc_hai_long-err").isHidden()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    // Sent past the script (form.submit() skips it): the server's page, as typed, is accessible too.
    await page.locator("form[data-validate]").evaluate((f) => (f as HTMLFormElement).submit());
    await page.getByRole("heading", { name: "Đánh giá kết quả trả lời" }).waitFor();
    expect(await page.locator("#da_giai_quyet-err").textContent()).toBe(FEEDBACK_MESSAGES.da_giai_quyet);
    expect(await page.getByLabel("Mức hài lòng").inputValue()).toBe("4");
    expect(await page.getByLabel("Ý kiến (không bắt buộc)").inputValue()).toBe("Cán bộ nhiệt tình");
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("without JavaScript or the browser's checks: the form again as typed, with the messages", async () => {
    const page = await followed(false);
    await page.locator("form[data-validate]").evaluate((f) => {
      (f as HTMLFormElement).noValidate = true;
    });
    await page.getByLabel("Chưa giải quyết", { exact: false }).check();
    await page.getByLabel("Ý kiến (không bắt buộc)").fill("Cán bộ nhiệt tình");
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await page.getByRole("heading", { name: "Đánh giá kết quả trả lời" }).waitFor();
    expect(await page.locator("#muc_hai_long-err").textContent()).toBe(FEEDBACK_MESSAGES.muc_hai_long);
    expect(await page.getByLabel("Ý kiến (không bắt buộc)").inputValue()).toBe("Cán bộ nhiệt tình");
    expect(await page.getByLabel("Chưa giải quyết", { exact: false }).isChecked()).toBe(true);
    await page.getByLabel("Mức hài lòng").selectOption("3");
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await page
      .getByText("Yêu cầu đã được chuyển lại bộ phận điều phối của Tổng đài 1022 để xem xét")
      .waitFor();
    await page.context().close();
  });
});
