import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { choose, screenshot, seriousViolations, signedIn, useConsole } from "./browser.js";

/**
 * Data-subject requests in the console (coordinator) and retention periods (administrator):
 * record a case, acknowledge it, execute it, and edit a retention period (docs/data-rights.md).
 */
describe("console: personal data requests and retention", () => {
  const h = useConsole();
  let coordinator: { context: BrowserContext; page: Page };
  let admin: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    coordinator = await signedIn(h, "coordinator");
    admin = await signedIn(h, "admin");
  });

  it("the coordinator records an access request, acknowledges it and answers it", async () => {
    const { page } = coordinator;
    await page.goto("/console/board");
    await page.getByRole("menuitem", { name: "Dữ liệu cá nhân" }).click();
    await page.getByRole("heading", { name: "Yêu cầu về dữ liệu cá nhân", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Tiếp nhận yêu cầu" }).click();
    const dialog = page.getByRole("dialog", { name: "Tiếp nhận yêu cầu" });
    await dialog.getByLabel("Họ và tên").fill("Ngô Thị Mai");
    await dialog.getByLabel("Số điện thoại").fill("0977 123 456");
    await dialog.getByLabel("Địa chỉ nhận trả lời").fill("mai.ngo@example.vn");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Ghi nhận" }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = page.getByRole("row").filter({ hasText: "Ngô Thị Mai" });
    await row.getByText("Trong hạn").waitFor();
    await screenshot(page, "40-data-requests");
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole("link").click();
    await page.getByRole("button", { name: "Xác nhận đã tiếp nhận" }).click();
    await page.getByText("Đã xác nhận tiếp nhận").waitFor();
    await page.getByRole("button", { name: "Thực hiện và trả lời" }).click();
    await page.getByRole("button", { name: /OK|Đồng ý/ }).click();
    await page.getByText("Đã thực hiện").waitFor();
    await page.getByText(/Đã cung cấp bản sao dữ liệu/).waitFor();
    await screenshot(page, "41-data-request-case");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the coordinator places and releases a legal hold on a request", async () => {
    const { page, context } = coordinator;
    const list = (await (await context.request.get("/api/v1/requests")).json()) as {
      items: { id: string }[];
    };
    const id = list.items[0]?.id ?? "";
    await page.goto(`/console/requests/${id}`);
    await page
      .getByLabel("Lý do phong toả (văn bản của cơ quan có thẩm quyền)")
      .fill("Thanh tra tỉnh, Công văn 12/TTr");
    await page.getByRole("button", { name: "Phong toả", exact: true }).click();
    await page.getByRole("button", { name: "Gỡ phong toả" }).waitFor();
    const held = (await (await context.request.get(`/api/v1/requests/${id}/legal-hold`)).json()) as {
      legalHoldReason: string | null;
    };
    expect(held.legalHoldReason).toBe("Thanh tra tỉnh, Công văn 12/TTr");
    await page.getByRole("button", { name: "Gỡ phong toả" }).click();
    await page.getByLabel("Lý do phong toả (văn bản của cơ quan có thẩm quyền)").waitFor();
  });

  it("the administrator edits a retention period", async () => {
    const { page } = admin;
    await page.goto("/console/admin/users");
    await page.getByRole("menuitem", { name: "Thời hạn lưu trữ" }).click();
    await page.getByRole("heading", { name: "Thời hạn lưu trữ dữ liệu cá nhân", level: 1 }).waitFor();
    const inbound = page.getByLabel("Số ngày lưu: Tin nhắn đến đã xử lý");
    await inbound.fill("120");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByText("Đã lưu thời hạn lưu trữ").waitFor();
    const saved = (await (await admin.context.request.get("/api/v1/admin/retention")).json()) as {
      settings: { recordType: string; days: number }[];
    };
    expect(saved.settings.find((s) => s.recordType === "inbound")?.days).toBe(120);
    // Fifteenth session: a run's counts in words (not calls, outbox, sessions), on the page and in the audit log.
    await page.getByRole("button", { name: "Chạy ngay" }).click();
    await page.getByText("Đã chạy", { exact: true }).waitFor();
    const run = page.getByRole("row").filter({ hasText: "Tin nhắn đi:" }).first();
    for (const label of ["Cuộc gọi:", "Phiên đăng nhập:", "Người yêu cầu:", "Mục nhật ký:"]) {
      await run.getByText(label).waitFor();
    }
    expect(await run.textContent()).not.toMatch(/\b(calls|outbox|sessions|requesters)\b/);
    await screenshot(page, "42-admin-retention");
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/console/admin/audit");
    await choose(page.getByRole("combobox", { name: "Đối tượng" }), "Thời hạn lưu");
    const ran = page.getByRole("row").filter({ hasText: "Xoá dữ liệu hết hạn lưu trữ" }).first();
    const counts = ran.getByText(/^Số bản ghi: /);
    for (const label of ["Yêu cầu", "Người yêu cầu", "Cuộc gọi", "Tin nhắn đi", "Phiên đăng nhập"]) {
      expect(await counts.textContent()).toMatch(new RegExp(`(: |, )${label} \\d+`));
    }
    await ran.getByText(/^Số ngày lưu: .*Tin nhắn đến 120/).waitFor();
    const changed = page.getByRole("row").filter({ hasText: "Sửa thời hạn lưu trữ" }).first();
    await changed.getByText(/^Tin nhắn đến: \d+ → 120$/).waitFor();
    expect((await page.locator("tbody").allTextContents()).join(" ")).not.toMatch(
      /\b(calls|outbox|sessions|inbound)\b/,
    );
  });
});
