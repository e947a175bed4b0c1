import { describe, expect, it } from "vitest";
import { createRequest, opened, signedIn, useConsole } from "./browser.js";

/** Whether the element has the keyboard. */
const focused = (el: Element) => el === document.activeElement;

/**
 * Thirty-sixth session's review: an administration dialog says what it adds or edits, and when a dialog
 * closes the keyboard goes back to the button that opened it (WAI-ARIA dialog pattern), not to the page's
 * body — on the request page the forward dialog's opener had been replaced by the time it closed.
 */
describe("dialog titles and the keyboard after a dialog closes", () => {
  const h = useConsole();

  it("administration dialogs name what is added or edited; Esc gives the opener the keyboard", async () => {
    const { context, page } = await signedIn(h, "admin");
    await opened(page, "/console/admin/users");
    const add = page.getByRole("button", { name: "Thêm" });
    await add.click();
    const dialog = page.getByRole("dialog", { name: "Thêm người dùng", exact: true });
    await dialog.getByLabel("Tên đăng nhập").waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => add.evaluate(focused)).toBe(true);

    await opened(page, "/console/admin/agencies");
    const edit = page.getByRole("row").filter({ hasText: "Sở Y tế" }).first().getByRole("button", {
      name: "Sửa",
      exact: true,
    });
    await edit.click();
    const agency = page.getByRole("dialog", { name: "Sửa cơ quan: Sở Y tế", exact: true });
    await agency.getByRole("button", { name: "Huỷ" }).click();
    await agency.waitFor({ state: "hidden" });
    await expect.poll(() => edit.evaluate(focused)).toBe(true);
    await context.close();
  }, 120_000);

  it("Esc in the forward dialog gives the keyboard back to «Chuyển cơ quan xử lý»", async () => {
    const operator = await signedIn(h, "operator");
    const request = await createRequest(operator.context, {
      channel: "portal",
      requester: { fullName: "Lê Thị Hoa", phone: "0916 444 555", address: "Thôn 3" },
      content: "Đèn đường ở thôn 3 hỏng đã hai tuần, buổi tối đi lại rất nguy hiểm.",
      field: "phan-anh-vi-pham",
    });
    const { page, context } = operator;
    await opened(page, `/console/requests/${request.id}`);
    const forward = page.getByRole("button", { name: /Chuyển cơ quan xử lý/ });
    const dialog = page.getByRole("dialog", { name: "Chuyển cơ quan xử lý" });
    for (const close of ["Escape", "Huỷ"]) {
      await forward.click();
      await dialog.getByText("Gợi ý cơ quan xử lý").waitFor();
      if (close === "Escape") await page.keyboard.press("Escape");
      else await dialog.getByRole("button", { name: "Huỷ" }).click();
      await dialog.waitFor({ state: "hidden" });
      await expect.poll(() => forward.evaluate(focused), { timeout: 3000 }).toBe(true);
    }
    // Saved, the request is forwarded and its page re-rendered without «Chuyển cơ quan xử lý»: the
    // keyboard stays in the action panel, not on the page's body.
    await page.keyboard.press("Enter");
    await dialog.getByLabel("Cơ quan xử lý").fill("y te");
    await page.getByRole("option", { name: "Sở Y tế", exact: true }).waitFor({ state: "attached" });
    await dialog.getByLabel("Cơ quan xử lý").press("Enter");
    await dialog.getByLabel("Ghi chú").fill("Đề nghị Sở kiểm tra, sửa chữa.");
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => forward.count()).toBe(0);
    // The operator has nothing more to do on it: the panel saying so has the keyboard.
    await page.getByText("Không có thao tác nào bạn có thể thực hiện", { exact: false }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ""))
      .toBe("Không có thao tác nào bạn có thể thực hiện ở trạng thái này.");
    await context.close();
  }, 120_000);
});
