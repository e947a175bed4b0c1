import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestDetail } from "../../src/shared/schemas/requests.js";
import { forwardedRequest, screenshot, seriousViolations, signedIn, useConsole } from "./browser.js";

/**
 * Issue 19 in the browser: the focal point of Sở Y tế opens a forwarded request, sees the
 * operator's forwarding note as the first internal note, writes a note mentioning the coordinator
 * through the "@" picker; the coordinator, whose console is open elsewhere, is alerted at once and
 * opens the request to read the note.
 */
describe("internal notes with a mention", () => {
  const h = useConsole();
  let focal: { context: BrowserContext; page: Page };
  let coordinator: { context: BrowserContext; page: Page };
  let request: RequestDetail;
  const noteText = "nhờ anh xem lại thẩm quyền với UBND phường";

  beforeAll(async () => {
    request = await forwardedRequest(
      h,
      {
        channel: "portal",
        requester: { fullName: "Đỗ Văn Nam", phone: "0913 579 246", address: "Phường Hạc Thành" },
        content: "Xin hỏi thủ tục cấp giấy phép kinh doanh nhà thuốc tư nhân cần những giấy tờ gì?",
        field: "y-te-xet-nghiem-tiem-phong",
      },
      { note: "Người dân cần trước thứ Sáu" },
    );
    focal = await signedIn(h, "focal");
    coordinator = await signedIn(h, "coordinator");
  });

  it("the focal point sees the forwarding note first and mentions the coordinator; the coordinator is alerted live", async () => {
    // The coordinator's console is open on the board before anything happens.
    await coordinator.page.goto("/console/board");
    await coordinator.page.getByRole("heading", { name: "Bảng điều phối" }).waitFor();

    const page = focal.page;
    await page.goto(`/console/requests/${request.id}`);
    const notes = page.getByRole("log", { name: "Các ghi chú nội bộ" });
    await notes.getByText("Người dân cần trước thứ Sáu").waitFor();
    await notes.getByText("Ghi chú chuyển phiếu").waitFor();

    const box = page.getByLabel("Ghi chú mới");
    await box.click();
    await box.pressSequentially("@coord");
    await page.getByRole("menuitem", { name: /@coordinator/ }).click();
    await box.pressSequentially(noteText);
    await page.getByRole("button", { name: "Thêm ghi chú" }).click();
    await notes.getByText(noteText, { exact: false }).waitFor();
    await notes.getByText("@coordinator", { exact: true }).waitFor();
    await screenshot(page, "notes-01-mention");
    expect(await seriousViolations(page)).toEqual([]);

    // Live on the coordinator's console: the alert names the request; it opens it.
    const alert = coordinator.page.getByText(`nhắc bạn trong ghi chú của yêu cầu ${request.code}`);
    await alert.waitFor();
    await screenshot(coordinator.page, "notes-02-alerted");
    await coordinator.page.getByRole("button", { name: "Mở yêu cầu" }).click();
    await coordinator.page
      .getByRole("log", { name: "Các ghi chú nội bộ" })
      .getByText(noteText, { exact: false })
      .waitFor();
  });
});
