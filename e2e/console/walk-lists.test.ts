import { describe, expect, it } from "vitest";
import { forwardedRequest, opened, screenshot, signedIn, useConsole } from "./browser.js";

/**
 * The thirty-sixth session's walk (docs/console.md): what a coordinator and a focal point saw that
 * was wrong, one test each.
 */
describe("walk of the thirty-sixth session", () => {
  const h = useConsole();

  it("at 1366 px the board's list of one agency's requests shows every status and deadline whole", async () => {
    // «Đã chuyển cơ quan xử lý» ran past its 140 px column into the agency's name, and a deadline
    // such as «Cập nhật kết quả · Còn 4 giờ làm việc» was cut at the card's right edge.
    const { context, page } = await signedIn(h, "coordinator");
    await page.setViewportSize({ width: 1366, height: 768 });
    await opened(page, "/console/board");
    await page.getByRole("button", { name: "Sở Y tế" }).click();
    const table = page.locator(".ant-table-wrapper", { hasText: "Yêu cầu của Sở Y tế" });
    await table
      .getByRole("link", { name: /^Mở \d{4}-/ })
      .first()
      .waitFor();
    const spill = await table.evaluate((wrapper) =>
      [...wrapper.querySelectorAll("tbody td .ant-tag")].flatMap((tag) => {
        const cell = tag.closest("td")?.getBoundingClientRect();
        const box = tag.getBoundingClientRect();
        return cell && box.right > cell.right + 0.5 ? [tag.textContent ?? ""] : [];
      }),
    );
    expect(spill).toEqual([]);
    const scroll = await table
      .locator(".ant-table-content")
      .evaluate((box) => box.scrollWidth - box.clientWidth);
    expect(scroll).toBeLessThanOrEqual(1);
    await screenshot(page, "47-walk-board-agency-1366");
    await context.close();
  });

  it("a slip not yet overdue offers no progress update, which the server would refuse (Art. 10.3)", async () => {
    const request = await forwardedRequest(h, {
      channel: "portal",
      requester: { fullName: "Trần Thị Mai", phone: "0912777036", address: "Phường Hạc Thành" },
      content: "Xin hỏi trạm y tế phường có tiêm vắc xin cúm cho người cao tuổi không?",
      field: "y-te-xet-nghiem-tiem-phong",
    });
    const { context, page } = await signedIn(h, "focal");
    await opened(page, `/console/requests/${request.id}`);
    const actions = page.getByRole("group", { name: "Thao tác" });
    await actions.getByRole("button", { name: "Cập nhật kết quả trả lời" }).waitFor();
    expect(await actions.getByRole("button", { name: "Cập nhật tiến độ" }).count()).toBe(0);
    await context.close();
  });
});
