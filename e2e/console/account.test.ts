import { Secret, TOTP } from "otpauth";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot, seriousViolations, signedIn, useConsole } from "./browser.js";

/**
 * The account page (issue 14): turning on two-step verification with the QR code, the recovery
 * codes shown once, then signing in with a code; changing one's own password.
 */
describe("console account: two-step verification and password", () => {
  const h = useConsole();
  let user: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    user = await signedIn(h, "leader");
  });

  /** The current code of `secret` by the server's clock (the harness runs it on a fixed day). */
  const codeOf = (secret: string) =>
    new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({
      timestamp: h.t.clock.now().getTime(),
    });

  let secret = "";

  it("turns on TOTP from the account page: QR code, first code, ten recovery codes", async () => {
    const { page } = user;
    await page.goto("/console/desk");
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await page.getByRole("heading", { name: "Tài khoản của tôi", level: 1 }).waitFor();
    await page.getByText("Đang tắt").waitFor();
    await page.getByRole("button", { name: "Bật xác thực hai bước" }).click();
    const qr = page.getByRole("img", { name: "Mã QR để thêm tài khoản vào ứng dụng xác thực" });
    await qr.waitFor();
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    secret = ((await page.locator("code").first().textContent()) ?? "").trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, "30-account-totp-enrol");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("Mã 6 chữ số").fill(codeOf(secret));
    await page.getByRole("button", { name: "Xác nhận" }).click();
    const codes = page.getByRole("list", { name: "Mã khôi phục" }).getByRole("listitem");
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await screenshot(page, "31-account-recovery-codes");
    await page.getByRole("button", { name: "Tôi đã lưu các mã" }).click();
    await page.getByText("Đang bật").waitFor();
    await page.getByText("Còn 10 mã khôi phục chưa dùng.").waitFor();
  });

  it("then asks for the code at sign-in", async () => {
    h.t.clock.advance(30_000);
    const context = await h.browser.newContext({ baseURL: h.baseUrl, timezoneId: "Asia/Ho_Chi_Minh" });
    const page = await context.newPage();
    await page.goto("/console/login");
    await page.getByLabel("Tên đăng nhập").fill("leader");
    await page.getByLabel("Mật khẩu").fill("demo1022");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("heading", { name: "Xác thực hai bước" }).waitFor();
    await page.getByLabel("Mã xác thực").fill("000000");
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await page.getByRole("alert").filter({ hasText: "Mã xác thực không đúng" }).waitFor();
    await screenshot(page, "32-login-totp");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Mã xác thực").fill(codeOf(secret));
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await page.waitForURL((url) => !url.pathname.endsWith("/login"));
    await page.getByRole("button", { name: "Đổi mật khẩu" }).waitFor();
    await context.close();
  });

  it("changes the password: a common one is refused with the reason, a passphrase is accepted", async () => {
    const { page } = user;
    await page.goto("/console/account");
    await page.getByLabel("Mật khẩu hiện tại").fill("demo1022");
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill("password1234");
    await page.getByLabel("Nhập lại mật khẩu mới").fill("password1234");
    await page.getByRole("button", { name: "Đổi mật khẩu" }).last().click();
    await page.getByRole("alert").filter({ hasText: "quá phổ biến" }).waitFor();
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill("cây đa giếng nước sân đình");
    await page.getByLabel("Nhập lại mật khẩu mới").fill("cây đa giếng nước sân đình");
    await page.getByRole("button", { name: "Đổi mật khẩu" }).last().click();
    await page.getByText("Đã đổi mật khẩu.", { exact: false }).waitFor();
    await screenshot(page, "33-account-password");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
