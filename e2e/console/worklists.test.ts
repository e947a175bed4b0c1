import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConsoleHarness,
  csrfOf,
  screenshot,
  seriousViolations,
  signedIn,
  startConsole,
} from "./browser.js";

/**
 * Issue 18, the staff console: request text readable in the worklists, the hotline's worklists with
 * counts kept in the URL, the forwarding note reaching the agency, no transfer result asked for a
 * portal request, accent-insensitive search boxes, "not found" for an unknown id, channels not
 * configured shown as such. Screenshots at 1366×768 and 390×844.
 */
describe("console worklists (issue 18)", () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("forwards a portal request with a note the agency reads, without asking for a transfer result", async () => {
    const { context, page } = await signedIn(h, "operator");
    await page.setViewportSize({ width: 1366, height: 768 });
    const content =
      "Xin hỏi thủ tục cấp lại giấy phép hành nghề khám bệnh, chữa bệnh khi bị mất bản gốc thì cần những giấy tờ gì và nộp ở đâu?";
    const created = await context.request.post("/api/v1/requests", {
      headers: { "x-csrf-token": await csrfOf(context) },
      data: {
        channel: "portal",
        requester: { fullName: "Ngô Thị Lan", phone: "0987654321", address: "Phường Đông Sơn" },
        content,
      },
    });
    expect(created.status()).toBe(201);
    const { id, code } = (await created.json()) as { id: string; code: string };

    const started = Date.now();
    await page.goto("/console/desk");
    // The worklist tabs carry their counts; the request's text is readable in the list.
    await page
      .getByText(/^Cần xử lý \(\d+\)$/)
      .first()
      .waitFor();
    await page
      .getByText(/^Chờ công khai \(\d+\)$/)
      .first()
      .waitFor();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: `Mở ${code}` }) });
    await row.getByText(/thủ tục cấp lại giấy phép/).waitFor();
    const cell = row.locator(".request-excerpt");
    expect((await cell.boundingBox())?.width ?? 0).toBeGreaterThan(200);
    await screenshot(page, "18-desk-worklist-1366");
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`/console/desk?r=${id}`);
    await page.getByRole("button", { name: /Chuyển cơ quan xử lý/ }).click();
    const dialog = page.getByRole("dialog", { name: "Chuyển cơ quan xử lý" });
    await dialog.getByLabel("Cơ quan xử lý").fill("y te");
    await page.getByRole("option", { name: "Sở Y tế", exact: true }).waitFor({ state: "attached" });
    await dialog.getByLabel("Cơ quan xử lý").press("Enter");
    // A portal request: no call to put through, so no transfer result is asked.
    await dialog.getByText("không có cuộc gọi để chuyển máy").waitFor();
    expect(await dialog.getByLabel("Đã chuyển máy thành công").count()).toBe(0);
    await dialog.getByLabel("Ghi chú").fill("Người dân cần danh mục giấy tờ, ưu tiên trả lời qua thư.");
    await screenshot(page, "18-forward-portal-1366");
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await dialog.waitFor({ state: "hidden" });
    const forwardSeconds = (Date.now() - started) / 1000;

    // Answered or forwarded, it leaves the list still to handle; the "following" tab has it.
    await page.goto("/console/desk?tab=following");
    await page.getByRole("link", { name: `Mở ${code}` }).waitFor();
    await page.goto("/console/desk");
    await page
      .getByText(/^Cần xử lý \(\d+\)$/)
      .first()
      .waitFor();
    expect(await page.getByRole("link", { name: `Mở ${code}` }).count()).toBe(0);
    await context.close();

    const focal = await signedIn(h, "focal");
    await focal.page.setViewportSize({ width: 1366, height: 768 });
    await focal.page.goto("/console/inbox?due=late");
    await focal.page
      .getByText(/^Quá hạn \(\d+\)$/)
      .first()
      .waitFor();
    await focal.page
      .getByText(/^Tất cả \(\d+\)$/)
      .first()
      .click();
    await focal.page.waitForURL((url) => !url.search.includes("due="));
    await focal.page.getByRole("link", { name: `Mở ${code}` }).click();
    await focal.page.getByText("Tổng đài chuyển").waitFor();
    await focal.page.getByText(/ưu tiên trả lời qua thư/).waitFor();
    await screenshot(focal.page, "18-inbox-note-1366");
    expect(await seriousViolations(focal.page)).toEqual([]);
    await focal.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(focal.page, "18-inbox-note-390");
    await focal.context.close();
    console.info(`operator, portal request forwarded with a note: ${forwardSeconds.toFixed(1)} s`);
  });

  it("sorts the agency inbox by what is due first", async () => {
    const { context } = await signedIn(h, "focal");
    const list = await context.request.get("/api/v1/requests?open=true&sort=due&pageSize=200");
    const { items } = (await list.json()) as { items: { dueAt: string | null; dueState: string | null }[] };
    const dues = items.map((i) => i.dueAt).filter((d): d is string => d !== null);
    expect(dues.map((d) => Date.parse(d))).toEqual([...dues.map((d) => Date.parse(d))].sort((a, b) => a - b));
    const firstLate = items.findIndex((i) => i.dueState === "late");
    const lastLate = items.map((i) => i.dueState).lastIndexOf("late");
    if (firstLate >= 0) expect(items.slice(0, lastLate + 1).every((i) => i.dueState === "late")).toBe(true);
    await context.close();
  });

  it("shows the coordinator what each waiting item is about, at 1366 and 390", async () => {
    const { context, page } = await signedIn(h, "coordinator");
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto("/console/board");
    await page.getByRole("heading", { name: "Bảng điều phối" }).waitFor();
    await page.locator(".request-excerpt").first().waitFor();
    // No table wider than the page: wide tables scroll inside their card.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "18-board-1366");
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "18-board-390");
    await context.close();
  });

  it("says not found for an unknown request id", async () => {
    const { context, page } = await signedIn(h, "operator");
    await page.goto("/console/requests/00000000-0000-4000-8000-000000000000");
    await page.getByText("Không tìm thấy", { exact: false }).first().waitFor();
    expect(await page.getByText("Chức năng chưa sẵn sàng").count()).toBe(0);
    await screenshot(page, "18-request-not-found");
    await context.close();
  });

  it("searches agencies, fields and users without diacritics, and shows channels not configured", async () => {
    const { context, page } = await signedIn(h, "admin");
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto("/console/admin/agencies");
    const search = page.getByRole("searchbox", { name: /Tìm kiếm/ });
    await search.fill("cong thuong");
    await page.getByRole("cell", { name: "Sở Công Thương", exact: true }).waitFor();
    await expect.poll(() => page.getByRole("cell", { name: "Sở Y tế", exact: true }).count()).toBe(0);
    expect(page.url()).toContain("q=cong");
    await screenshot(page, "18-admin-agencies-search");
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/console/admin/users?q=minh");
    await page.getByRole("cell", { name: "Nguyễn Văn Minh", exact: true }).waitFor();
    await expect.poll(() => page.getByRole("cell", { name: "Lê Thị Hoa", exact: true }).count()).toBe(0);

    await page.goto("/console/admin/channels");
    await page.getByText("Chưa cấu hình", { exact: true }).first().waitFor();
    await screenshot(page, "18-admin-channels");
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/console/admin/audit");
    await page.getByText("Nạp dữ liệu mẫu").first().waitFor();
    await screenshot(page, "18-admin-audit");
    await context.close();
  });
});
