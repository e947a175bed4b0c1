import { describe, expect, it } from "vitest";
import {
  choose,
  createRequest,
  forwardedRequest,
  opened,
  screenshot,
  signedIn,
  useConsole,
} from "./browser.js";

/**
 * The thirty-eighth session's walk (docs/console.md): long texts an operator or a focal point
 * pastes are told against their limit under the field, before anything is sent or cut; the
 * notification bell's panel stays on a phone's screen.
 */
describe("walk of the thirty-eighth session", () => {
  const h = useConsole();

  it("a forward's note over 2,000 characters is told under the note, not refused at the dialog's top", async () => {
    const { context, page } = await signedIn(h, "operator");
    const request = await createRequest(context, {
      channel: "phone",
      requester: { fullName: "Trần Văn Bình", phone: "0912345678", address: "Phường Bến Thành" },
      content: "Xin hỏi thủ tục đăng ký tiêm vắc-xin sởi cho trẻ 9 tháng tuổi ở phường tôi?",
      field: "y-te-xet-nghiem-tiem-phong",
    });
    const posted: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/actions/")) posted.push(r.url());
    });
    await opened(page, `/console/requests/${request.id}`);
    await page.getByRole("button", { name: /Chuyển cơ quan xử lý/ }).click();
    const dialog = page.getByRole("dialog", { name: "Chuyển cơ quan xử lý" });
    await choose(dialog.getByLabel("Cơ quan xử lý"), "Sở Y tế");
    await dialog.getByTitle("Sở Y tế", { exact: true }).waitFor();
    await dialog.getByLabel("Không chuyển máy").check();
    const note = dialog.getByLabel("Ghi chú");
    await note.fill("Nhờ Sở trả lời giúp. ".repeat(100)); // 2,100 characters
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    const item = dialog.locator(".ant-form-item", { has: page.getByLabel("Ghi chú") });
    await expect.poll(() => item.locator(".ant-form-item-explain").textContent()).toBe("Tối đa 2.000 ký tự");
    expect(posted).toEqual([]);
    await screenshot(page, "48-walk-forward-note-too-long");
    // Shortened, it goes.
    await note.fill("Nhờ Sở trả lời giúp.");
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(posted).toHaveLength(1);
    await context.close();
  });

  it("a question to the requester over 5,000 characters is told, not cut unseen and sent", async () => {
    const request = await forwardedRequest(h, {
      channel: "portal",
      requester: { fullName: "Phạm Thị Lan", phone: "0915246810", address: "Xã Quảng Phú" },
      content: "Xin hỏi con tôi 8 tuổi chưa tiêm mũi nhắc sởi thì tiêm ở đâu?",
      field: "y-te-xet-nghiem-tiem-phong",
    });
    const { context, page } = await signedIn(h, "focal");
    const posted: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/actions/")) posted.push(r.url());
    });
    await opened(page, `/console/requests/${request.id}`);
    const question = page.getByLabel("Câu hỏi gửi người yêu cầu");
    const pasted = "Anh/chị cho biết ngày sinh của cháu. ".repeat(150); // 5,550 characters
    await question.fill(pasted);
    expect(await question.inputValue()).toBe(pasted);
    await page.getByRole("button", { name: "Gửi câu hỏi" }).click();
    const item = page.locator(".ant-form-item", { has: question });
    await expect
      .poll(() => item.locator(".ant-form-item-explain").textContent())
      .toBe("Nội dung quá dài (tối đa 5.000 ký tự)");
    expect(posted).toEqual([]);
    await context.close();
  });

  it("at 390 px the notification panel lies inside the screen, «Đánh dấu đã đọc tất cả» whole", async () => {
    // Placed "bottomRight", it flipped to bottomLeft at the bell (x ≈ 86) and ran 32 px off the right edge.
    const { context, page } = await signedIn(h, "focal");
    await page.setViewportSize({ width: 390, height: 844 });
    await opened(page, "/console/inbox");
    await page.getByRole("button", { name: /^Thông báo/ }).click();
    const panel = page.locator(".ant-popover:not(.ant-popover-hidden)");
    const markAll = panel.getByRole("button", { name: "Đánh dấu đã đọc tất cả" });
    await markAll.waitFor();
    await page.waitForFunction(
      () => !document.querySelector(".ant-popover[class*='-appear'], .ant-popover[class*='-enter']"),
    );
    for (const box of [await panel.boundingBox(), await markAll.boundingBox()]) {
      expect(box?.x).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    }
    await screenshot(page, "48-walk-bell-390");
    await context.close();
  });
});
