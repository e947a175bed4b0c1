import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { sampleFiles } from "../../src/test/multipart.js";
import { healthCallPutThrough, seriousViolations, signedIn, useConsole } from "./browser.js";

/**
 * Issue 19 in the console: the focal point attaches the agency's letter to the answer (public),
 * confirms at publication that it was checked for personal data, and the letter is on the portal.
 */
describe("console: answer with an attachment", () => {
  const h = useConsole();
  let focal: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    focal = await signedIn(h, "focal");
  });

  it("uploads a letter with the answer, confirms it at publication, and the portal lists it", async () => {
    const r = await healthCallPutThrough(
      h,
      "0987 111 333",
      "Cho tôi hỏi lịch khám sàng lọc miễn phí ở bệnh viện tỉnh tháng này.",
    );

    const page = focal.page;
    await page.goto(`/console/requests/${r.id}`);
    await page.getByRole("button", { name: "Cập nhật kết quả trả lời" }).click();
    const answer = page.getByRole("dialog", { name: "Cập nhật kết quả trả lời" });
    await answer
      .getByLabel("Nội dung trả lời")
      .fill("Bệnh viện khám sàng lọc miễn phí vào thứ Năm hằng tuần.");
    await answer.getByRole("radio", { name: "Công khai cùng câu trả lời" }).check();
    await answer.locator("input[type=file]").setInputFiles({
      name: "cong-van-so-12.pdf",
      mimeType: "application/pdf",
      buffer: sampleFiles.pdf,
    });
    await answer.getByText("cong-van-so-12.pdf — Công khai cùng câu trả lời").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await answer.getByRole("button", { name: "Xác nhận" }).click();
    await answer.waitFor({ state: "hidden" });

    // The publication dialog follows the answer; it asks to confirm the file was checked.
    const publish = page.getByRole("dialog", { name: "Công khai kết quả" });
    await publish.getByRole("button", { name: "Xác nhận" }).click();
    await publish.getByText("Xác nhận đã kiểm tra từng tệp công khai, hoặc chuyển tệp sang nội bộ").waitFor();
    await publish.getByRole("checkbox", { name: "cong-van-so-12.pdf" }).check();
    await publish.getByRole("button", { name: "Xác nhận" }).click();
    await publish.waitFor({ state: "hidden" });
    await page.getByText("Đã công khai kết quả").first().waitFor();
    // The request page lists the answer's file, published.
    await page.getByText("Tệp đính kèm câu trả lời").first().waitFor();
    await page.getByText("Đã công khai", { exact: true }).first().waitFor();

    const detail: { publicId: string } = await (
      await focal.context.request.get(`/api/v1/requests/${r.id}`)
    ).json();
    const portal: { attachments: { filename: string; url: string }[] } = await (
      await focal.context.request.get(`/api/v1/public/answers/${detail.publicId}`)
    ).json();
    expect(portal.attachments.map((a) => a.filename)).toEqual(["cong-van-so-12.pdf"]);
  }, 180_000);
});
