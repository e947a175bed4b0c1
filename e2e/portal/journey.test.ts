import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerAndPublish,
  launchBrowser,
  type PortalServer,
  phoneContext,
  requestAsStaff,
  screenshot,
  startServer,
} from "./setup.js";

/** A tiny valid PNG (1×1), as a phone photo stand-in. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

const requester = {
  fullName: "Lê Thị Mận",
  phone: "0912 345 678",
  email: "le.thi.man@example.vn",
  address: "Số 12 ngõ Hoa Sữa, phường Hạc Thành",
};
/** Every way the requester's data could leak onto a page. */
const personalData = [
  requester.fullName,
  requester.email,
  requester.address,
  "Hoa Sữa",
  "0912 345 678",
  "0912345678",
  "912345678",
  "+84912345678",
];
const question = "Gia đình tôi vừa từ tỉnh khác về, có phải khai báo y tế và cách ly tại nhà không?";
const answer =
  "Theo hướng dẫn hiện hành, người từ tỉnh khác về không phải cách ly tập trung; gia đình theo dõi sức khỏe 7 ngày và liên hệ trạm y tế xã khi có triệu chứng.";

describe("portal journey at 390×844 (R-CH2, R-IN5, R-PU1–2, Art. 10.2, 12)", () => {
  let server: PortalServer;
  let browser: Browser;
  let page: Page;
  let code = "";
  let publicId = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await phoneContext(browser, server.baseURL)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("submits with an attachment (captcha solved in the page) and shows the code", async () => {
    await page.goto("/gui-yeu-cau");
    await page.getByLabel("Họ và tên").fill(requester.fullName);
    await page.getByLabel("Số điện thoại").fill(requester.phone);
    await page.getByLabel("Địa chỉ liên hệ").fill(requester.address);
    await page.getByLabel("Thư điện tử").fill(requester.email);
    await page.getByLabel("Lĩnh vực").selectOption({ label: "Dịch tễ, cách ly y tế" });
    await page.getByLabel("Nội dung yêu cầu").fill(question);
    await page
      .getByLabel("Tệp đính kèm")
      .setInputFiles({ name: "giay-to.png", mimeType: "image/png", buffer: PNG });
    await expect
      .poll(() => page.locator("#captcha-status").textContent(), { timeout: 30_000 })
      .toContain("Đã xác minh");
    await screenshot(page, "submit-filled");
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await page.waitForURL(/\/gui-yeu-cau\/da-gui\?ma=/);
    code = (await page.locator("#request-code").textContent()) ?? "";
    expect(code).toMatch(/^\d{4}-[0-9A-Z]{6}$/);
    await screenshot(page, "submit-confirmation");

    // The file arrived, checked by magic bytes, in the same transaction as the request.
    const detail = await requestAsStaff(server, code);
    expect(detail.attachments).toEqual([
      expect.objectContaining({ filename: "giay-to.png", mimeType: "image/png", sizeBytes: PNG.length }),
    ]);
    expect(detail.channel).toBe("portal");
  });

  it("follows the request by code and phone", async () => {
    await page.getByRole("link", { name: "Tra cứu yêu cầu" }).click();
    await expect.poll(() => page.getByLabel("Mã yêu cầu").inputValue()).toBe(code);
    await page.getByLabel("Số điện thoại").fill(requester.phone);
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await page.getByText("Tổng đài đã tiếp nhận yêu cầu của bạn").waitFor();
    await screenshot(page, "follow-received");
  });

  it("shows the answer published by staff, with the agency responsible (Art. 8.2)", async () => {
    publicId = await answerAndPublish(server, code, { answer });
    await page.goto(`/tra-cuu?ma=${code}`);
    await page.getByLabel("Số điện thoại").fill("+84 912 345 678");
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await page.getByText(answer).waitFor();
    await page.getByText(/^Sở Y tế chịu trách nhiệm về tính pháp lý của kết quả trả lời/).waitFor();
    await screenshot(page, "follow-answered");

    await page.goto("/hoi-dap");
    await page.getByRole("link", { name: question }).click();
    // Issue 13: the answer's public page has its own id, never the follow code.
    await page.waitForURL(`**/hoi-dap/${publicId}`);
    await page.getByText(answer).waitFor();
    await screenshot(page, "answer-page");
  });

  it("shows none of the requester's personal data on any public page", async () => {
    const urls = [
      "/",
      "/hoi-dap",
      `/hoi-dap/${publicId}`,
      "/hoi-dap?q=c%C3%A1ch%20ly",
      "/hoi-dap?field=dich-te-cach-ly",
    ];
    for (const url of urls) {
      await page.goto(url);
      const content = await page.content();
      // The follow code (code + phone opens the request) is not on any public page (issue 13).
      expect(content).not.toContain(code);
      for (const item of personalData) expect(content, `${item} on ${url}`).not.toContain(item);
    }
    // The follow page, after a look-up, echoes neither the phone nor anything else personal.
    await page.goto(`/tra-cuu?ma=${code}`);
    await page.getByLabel("Số điện thoại").fill(requester.phone);
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await page.getByText(answer).waitFor();
    const content = await page.content();
    for (const item of personalData) expect(content, `${item} on the follow result`).not.toContain(item);
  });

  it("takes a phone typed in fullwidth digits (an IME) as the number; a short one gets the form's message", async () => {
    await page.goto("/gui-yeu-cau");
    const phone = page.getByLabel("Số điện thoại");
    const phoneError = page.locator("#phone-err");
    await phone.fill("０９６６");
    await phone.blur();
    await expect
      .poll(() => phoneError.textContent())
      .toBe("Số điện thoại không hợp lệ (ví dụ 0912 345 678 hoặc +84 912 345 678)");
    await phone.fill("０９６６ ０１２ ３４５");
    await phone.blur();
    await expect.poll(() => phoneError.isHidden()).toBe(true);
    await page.getByLabel("Họ và tên").fill(requester.fullName);
    await page.getByLabel("Địa chỉ liên hệ").fill(requester.address);
    await page.getByLabel("Nội dung yêu cầu").fill(question);
    await expect
      .poll(() => page.locator("#captcha-status").textContent(), { timeout: 30_000 })
      .toContain("Đã xác minh");
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await page.waitForURL(/\/gui-yeu-cau\/da-gui\?ma=/);
    const sent = (await page.locator("#request-code").textContent()) ?? "";
    expect((await requestAsStaff(server, sent)).requester.phone).toBe("0966012345");
  });
});
