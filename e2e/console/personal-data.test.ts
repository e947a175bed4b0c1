import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { act, healthCallPutThrough, screenshot, seriousViolations, signedIn, useConsole } from "./browser.js";

/**
 * Issue 13 in the console: publishing a text with personal data is refused with each finding
 * highlighted; the focal point confirms what is not personal (a doctor named as the hospital's
 * contact) and publishes.
 */
describe("console: personal data at publication", () => {
  const h = useConsole();
  let focal: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    focal = await signedIn(h, "focal");
  });

  it("highlights each finding and publishes once the focal point confirms it is not personal", async () => {
    const r = await healthCallPutThrough(
      h,
      "0987 111 222",
      "Cho tôi hỏi lịch khám sàng lọc ung thư miễn phí ở bệnh viện tỉnh.",
    );
    await act(focal.context, r, "record_answer", {
      answer: "Thứ Năm hằng tuần; liên hệ bác sĩ Trần Văn Bình, Bệnh viện Đa khoa tỉnh.",
    });

    const page = focal.page;
    await page.goto(`/console/requests/${r.id}`);
    await page.getByRole("button", { name: "Công khai kết quả" }).click();
    const dialog = page.getByRole("dialog", { name: "Công khai kết quả" });
    // The recorded texts are published as they are (redaction only); the guard finds the name.
    await dialog.getByRole("button", { name: "Xác nhận" }).click();

    const findings = dialog.getByRole("region", { name: "Nội dung có thể chứa thông tin cá nhân" });
    await findings.locator("mark", { hasText: "Trần Văn Bình" }).waitFor();
    await findings.getByText("Câu trả lời công khai · Họ tên").waitFor();
    await screenshot(page, "20-publish-personal-data");
    expect(await seriousViolations(page)).toEqual([]);

    await findings.getByRole("checkbox", { name: "Không phải thông tin cá nhân — xác nhận" }).check();
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Đã công khai kết quả").first().waitFor();

    const detail = await focal.context.request.get(`/api/v1/requests/${r.id}`);
    const body: { status: string; events: { kind: string; data: Record<string, unknown> }[] } =
      await detail.json();
    expect(body.status).toBe("published");
    expect(body.events.find((e) => e.kind === "publish")?.data.confirmedNotPersonal).toEqual([
      { field: "publicAnswer", kind: "name", start: 34, end: 47, text: "Trần Văn Bình" },
    ]);
  });
});
