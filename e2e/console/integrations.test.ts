import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboxWorker } from "../../src/server/jobs/outbox.worker.js";
import { screenshot, seriousViolations, settled, signedIn, useConsole } from "./browser.js";

/**
 * Integrations in the console (issue 17): the administrator issues an Open311 API key (shown once)
 * that files a request over real HTTP, subscribes a webhook receiver, reads its delivery log and
 * sends a delivery again, then revokes the key, which stops working at once.
 */
describe("console: integrations", () => {
  const h = useConsole();
  let admin: { context: BrowserContext; page: Page };
  const received: string[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      received.push(body);
      res.writeHead(204).end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    admin = await signedIn(h, "admin");
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const file = (apiKey: string) =>
    admin.context.request.post("/open311/v2/requests.json", {
      form: {
        api_key: apiKey,
        service_code: "y-te-xet-nghiem-tiem-phong",
        first_name: "Lê Thị",
        last_name: "Hoa",
        phone: "0912345678",
        address_string: "Số 5 Lê Lợi, phường Hạc Thành",
        description: "Đề nghị cho biết lịch tiêm vắc xin cho trẻ em ở trạm y tế phường.",
      },
    });

  it("issues a key, subscribes a webhook, shows its delivery log, redelivers, revokes the key", async () => {
    const { page } = admin;
    await page.goto("/console/admin/users");
    await page.getByRole("menuitem", { name: "Tích hợp (Open311, webhook)" }).click();
    await page.getByRole("heading", { name: "Tích hợp hệ thống khác", level: 1 }).waitFor();

    // Subscribe a receiver to every event, without personal data.
    await page.getByRole("button", { name: "Thêm webhook" }).click();
    const hookDialog = page.getByRole("dialog", { name: "Thêm webhook" });
    await hookDialog.getByLabel("Tên").fill("Ứng dụng thành phố");
    // An address the server refuses: the dialog says why (5 Dec 2026: only «Dữ liệu không hợp lệ.»).
    await hookDialog.getByLabel("Địa chỉ nhận (URL)").fill("http://[khong-phai-ipv6]/hook");
    await settled(hookDialog);
    expect(await seriousViolations(page)).toEqual([]);
    await hookDialog.getByRole("button", { name: "Lưu" }).click();
    await hookDialog
      .getByRole("alert")
      .getByText("Địa chỉ webhook không hợp lệ: phải là một địa chỉ http:// hoặc https://.", { exact: true })
      .waitFor();
    const { port } = receiver.address() as AddressInfo;
    await hookDialog.getByLabel("Địa chỉ nhận (URL)").fill(`http://127.0.0.1:${port}/hook`);
    await hookDialog.getByRole("button", { name: "Lưu" }).click();
    const secretDialog = page.getByRole("dialog", { name: "Khoá ký webhook" });
    await secretDialog.getByText(/^whsec_/).waitFor();
    await secretDialog.getByRole("button", { name: "Đã sao chép, đóng" }).click();
    // The edit dialog names what it edits (thirty-seventh session: only «Sửa»).
    await page
      .getByRole("row")
      .filter({ hasText: `127.0.0.1:${port}/hook` })
      .getByRole("button", { name: "Sửa", exact: true })
      .click();
    const editDialog = page.getByRole("dialog", { name: "Sửa webhook: Ứng dụng thành phố", exact: true });
    await settled(editDialog);
    await editDialog.getByRole("button", { name: "Huỷ" }).click();
    await editDialog.waitFor({ state: "hidden" });

    // Issue a key: shown once, and it works over HTTP.
    await page.getByRole("button", { name: "Cấp khoá" }).click();
    const keyDialog = page.getByRole("dialog", { name: "Cấp khoá" });
    await keyDialog.getByLabel("Hệ thống tích hợp").fill("Ứng dụng thành phố");
    await keyDialog.getByRole("button", { name: "Cấp khoá" }).click();
    const shown = page.getByRole("dialog", { name: "Khoá API mới" });
    const apiKey = (await shown.getByText(/^o311_/).textContent())?.trim() ?? "";
    expect(apiKey).toMatch(/^o311_[A-Za-z0-9_-]{20,}$/);
    // axe reads a dialog fading out (the "Cấp khoá" form closing under the new key) as low contrast.
    await keyDialog.waitFor({ state: "hidden" });
    await settled(shown);
    await screenshot(page, "60-admin-integrations-key");
    expect(await seriousViolations(page)).toEqual([]);
    // Shown once: a click beside the dialog (on the mask) does not close it before it is copied.
    await page.mouse.click(5, 5);
    await settled(shown);
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    expect(await shown.isVisible()).toBe(true);
    await shown.getByRole("button", { name: "Đã sao chép, đóng" }).click();
    expect((await file(apiKey)).status()).toBe(201);
    const keysSection = page.getByRole("region", { name: "Khoá API (Open311)" });
    await keysSection
      .getByRole("row")
      .filter({ hasText: "Ứng dụng thành phố" })
      .getByText("Đang dùng")
      .waitFor();
    expect(await page.content()).not.toContain(apiKey);

    // The outbox delivers the "received" event; the log shows it; the administrator sends it again.
    const outbox = createOutboxWorker(h.t.ctx, h.t.services.outboxDeliverers);
    await outbox.drain();
    expect(received).toHaveLength(1);
    await page.getByRole("button", { name: "Nhật ký gửi" }).click();
    const log = page.getByRole("dialog", { name: /Nhật ký gửi: Ứng dụng thành phố/ });
    const row = log.getByRole("row").filter({ hasText: "Tiếp nhận" });
    await row.getByText("Đã gửi").waitFor();
    await screenshot(page, "61-admin-integrations-log");
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole("button", { name: "Gửi lại" }).click();
    await page.getByText("Đã xếp lần gửi lại.").waitFor();
    await outbox.drain();
    expect(received).toHaveLength(2);
    expect(received[1]).toBe(received[0]);
    await log.getByText("(gửi lại)").waitFor();
    await page.keyboard.press("Escape");
    await log.waitFor({ state: "hidden" });

    // Revoke: the key stops working at once.
    await keysSection.getByRole("button", { name: "Thu hồi" }).click();
    await page.getByRole("button", { name: /OK|Đồng ý/ }).click();
    await keysSection.getByText(/Đã thu hồi/).waitFor();
    expect((await file(apiKey)).status()).toBe(403);
  });
});
