import { describe, expect, it } from "vitest";
import { opened, signedIn, useConsole } from "./browser.js";

/**
 * Thirty-eighth session's walk: the desk's intake was lost to a reload (F5 during a call) or a look
 * at another request — nothing kept, nothing asked. The tab now keeps it for its operator until it is
 * saved, started anew, discarded or the operator signs out.
 */
describe("the desk keeps the intake being typed in its tab", () => {
  const h = useConsole();

  it("a reload brings the typed intake back, said so; saved, anew or discarded, it is gone", async () => {
    const { context, page } = await signedIn(h, "operator");
    await opened(page, "/console/desk");
    const phone = page.getByLabel("Số điện thoại");
    const content = page.getByLabel("Nội dung yêu cầu");
    const restored = page.getByText("Đã khôi phục yêu cầu đang nhập dở, chưa lưu.");
    await phone.fill("0912 111 222");
    await page.getByLabel("Họ và tên").fill("Hoàng Văn Bình");
    await content.fill("Đường liên xã qua thôn 4 sạt lở một đoạn dài, xe máy không qua được.");
    await page.getByLabel("Khẩn cấp").click();

    await page.reload();
    await restored.waitFor();
    expect(await phone.inputValue()).toBe("0912 111 222");
    expect(await page.getByLabel("Họ và tên").inputValue()).toBe("Hoàng Văn Bình");
    expect(await content.inputValue()).toContain("sạt lở");
    expect(await page.getByLabel("Khẩn cấp").getAttribute("aria-checked")).toBe("true");

    // «Bỏ bản nháp»: an empty form, and a reload keeps it empty.
    await page.getByRole("button", { name: "Bỏ bản nháp" }).click();
    await restored.waitFor({ state: "hidden" });
    expect(await content.inputValue()).toBe("");
    await page.reload();
    await content.waitFor();
    expect(await restored.count()).toBe(0);

    // Saved, it is the request's, no longer a draft.
    await phone.fill("0912 111 222");
    await page.getByLabel("Họ và tên").fill("Hoàng Văn Bình");
    await content.fill("Đường liên xã qua thôn 4 sạt lở một đoạn dài, xe máy không qua được.");
    await page.getByRole("button", { name: /Lưu yêu cầu/ }).click();
    await page.getByRole("heading", { name: "Yêu cầu đang xử lý" }).waitFor();
    await page.getByRole("button", { name: /Yêu cầu mới/ }).click();
    await content.waitFor();
    await page.reload();
    await content.waitFor();
    expect(await restored.count()).toBe(0);
    expect(await content.inputValue()).toBe("");
    await context.close();
  });

  it("signing out drops the draft from the tab", async () => {
    const { context, page } = await signedIn(h, "operator");
    await opened(page, "/console/desk");
    await page.getByLabel("Nội dung yêu cầu").fill("Người dân phản ánh tiếng ồn từ xưởng gỗ sau 22 giờ.");
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    // On the sign-in page, settled (a loaded run typed into the page being left), then back in.
    await page.waitForURL(/\/login/);
    await page.getByRole("button", { name: "Đăng nhập" }).waitFor();
    await page.getByLabel("Tên đăng nhập").fill("operator");
    await page.getByLabel("Mật khẩu").fill("demo1022");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
    await opened(page, "/console/desk");
    expect(await page.getByLabel("Nội dung yêu cầu").inputValue()).toBe("");
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await context.close();
  });

  it("another operator's draft left in the tab is neither shown nor kept", async () => {
    const { context, page } = await signedIn(h, "operator");
    await opened(page, "/console/desk");
    await page.evaluate(() =>
      sessionStorage.setItem(
        "console.intakeDraft",
        JSON.stringify({ user: "someone-else", values: { content: "Nội dung của người khác" } }),
      ),
    );
    await page.reload();
    await page.getByLabel("Nội dung yêu cầu").waitFor();
    expect(await page.getByLabel("Nội dung yêu cầu").inputValue()).toBe("");
    expect(await page.evaluate(() => sessionStorage.getItem("console.intakeDraft"))).toBeNull();
    await context.close();
  });
});
