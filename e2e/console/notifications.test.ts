import { beforeAll, describe, expect, it } from "vitest";
import type { RequestDetail } from "../../src/shared/schemas/requests.js";
import { csrfOf, forwardedRequest, screenshot, seriousViolations, signedIn, useConsole } from "./browser.js";

/**
 * Issue 19 in the browser: the coordinator is mentioned in a note while signed out; on signing in,
 * the bell in the header shows one unread notification; opening it lists the mention as a link to
 * the request, which marks it read.
 */
describe("the notification bell", () => {
  const h = useConsole();
  let request: RequestDetail;

  beforeAll(async () => {
    request = await forwardedRequest(h, {
      channel: "portal",
      requester: { fullName: "Đỗ Văn Nam", phone: "0913 579 246", address: "Phường Hạc Thành" },
      content: "Xin hỏi lịch tiêm nhắc lại vắc xin sởi cho trẻ 18 tháng tuổi ở phường Hạc Thành?",
      field: "y-te-xet-nghiem-tiem-phong",
    });
    // The focal point mentions the coordinator, who is not signed in.
    const focal = await signedIn(h, "focal");
    const noted = await focal.context.request.post(`/api/v1/requests/${request.id}/notes`, {
      headers: { "x-csrf-token": await csrfOf(focal.context) },
      data: { body: "@coordinator nhờ anh xem lại thẩm quyền" },
    });
    if (noted.status() !== 201) throw new Error(`note: ${noted.status()} ${await noted.text()}`);
    await focal.context.close();
  });

  it("shows the unread count, lists the mention with a link to the request, and marks it read when opened", async () => {
    const { page } = await signedIn(h, "coordinator");
    await page.goto("/console/board");
    // Once the list has loaded, the bell names at least the mention as unread.
    const bell = page.getByRole("button", { name: /Thông báo \([1-9]\d* chưa đọc\)/ });
    await bell.waitFor();
    const unreadBefore = Number(
      /\((\d+) chưa đọc\)/.exec((await bell.getAttribute("aria-label")) ?? "")?.[1],
    );
    expect(unreadBefore).toBeGreaterThanOrEqual(1);
    await bell.click();
    const list = page.getByRole("list", { name: "Thông báo" });
    const link = list.getByRole("link", {
      name: new RegExp(`nhắc bạn trong ghi chú của yêu cầu ${request.code}`),
    });
    await link.waitFor();
    await screenshot(page, "bell-01-open");
    expect(await seriousViolations(page)).toEqual([]);

    await link.click();
    await page.waitForURL(`**/console/requests/${request.id}`);
    await page
      .getByRole("log", { name: "Các ghi chú nội bộ" })
      .getByText("nhờ anh xem lại thẩm quyền", { exact: false })
      .waitFor();
    await page.getByRole("button", { name: `Thông báo (${unreadBefore - 1} chưa đọc)` }).waitFor();
    await screenshot(page, "bell-02-read");
  });
});
