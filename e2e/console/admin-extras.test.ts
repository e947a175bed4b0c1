import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { channelSettingsList } from "../../src/shared/schemas/channels.js";
import {
  addUserDialog,
  choose,
  opened,
  screenshot,
  seriousViolations,
  signedIn,
  useConsole,
} from "./browser.js";

type Channels = z.infer<typeof channelSettingsList>;

/**
 * Administration extras: channel settings with write-only secrets (issue 7, R-CH1–6), resetting a
 * user's password, the audit log showing who changed what (R-SE1, R-SE2), and the access log
 * showing who read requests' personal data (issue 14).
 */
describe("console administration extras", () => {
  const h = useConsole();
  let admin: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    admin = await signedIn(h, "admin");
  });

  const channels = async (): Promise<Channels> =>
    (await admin.context.request.get("/api/v1/admin/channels")).json();

  it("administrator sets the Zalo OA id and secret; the secret is only ever shown as set", async () => {
    const { page } = admin;
    await page.goto("/console/admin/users");
    await page.getByRole("menuitem", { name: "Kênh tiếp nhận" }).click();
    await page.getByRole("heading", { name: "Cấu hình kênh tiếp nhận", level: 1 }).waitFor();
    const zalo = page.getByRole("region", { name: "Zalo" });
    await zalo.getByText(`${h.baseUrl}/api/v1/channels/zalo/webhook`).waitFor();
    await page
      .getByRole("region", { name: "Facebook" })
      .getByText(`${h.baseUrl}/api/v1/channels/facebook/webhook`)
      .waitFor();
    await zalo.getByLabel(/OA secret key.*chưa đặt/).waitFor();

    await zalo.getByLabel("Mã Official Account (OA ID)").fill("4318827740913");
    await zalo.getByRole("textbox", { name: /OA secret key/ }).fill("khoa-bi-mat-oa-1");
    await zalo.getByRole("button", { name: "Lưu cấu hình" }).click();
    await page.getByText("Đã lưu cấu hình kênh Zalo").waitFor();
    await zalo.getByLabel(/OA secret key.*đã đặt/).waitFor();
    // The typed secret leaves the page once saved, and the API never returns it.
    expect(await zalo.getByRole("textbox", { name: /OA secret key/ }).inputValue()).toBe("");
    const saved = await channels();
    const z1 = saved.items.find((c) => c.channel === "zalo");
    expect(z1?.settings.oaId).toBe("4318827740913");
    expect(z1?.secretsSet.oaSecretKey).toBe(true);
    expect(JSON.stringify(saved)).not.toContain("khoa-bi-mat-oa-1");
    await screenshot(page, "15-admin-channels");
    expect(await seriousViolations(page)).toEqual([]);

    // Saving again with the secret left empty keeps it; ticking "clear" removes it.
    await zalo.getByRole("button", { name: "Lưu cấu hình" }).click();
    await expect
      .poll(async () => (await channels()).items.find((c) => c.channel === "zalo")?.secretsSet.oaSecretKey)
      .toBe(true);
    await zalo.getByRole("checkbox", { name: /Xoá khoá đã lưu: .*OA secret key/ }).check();
    await zalo.getByRole("button", { name: "Lưu cấu hình" }).click();
    await zalo.getByLabel(/OA secret key.*chưa đặt/).waitFor();
  });

  it("the user dialog says in Vietnamese why an operator takes no agency and «abc» is no phone", async () => {
    const { page } = admin;
    const dialog = await addUserDialog(page, {
      username: "truc-co-quan",
      fullName: "Trực Có Cơ Quan",
      password: "mat-khau-so-1",
      role: "Cán bộ trực",
    });
    await choose(dialog.getByLabel("Cơ quan"), "Sở Y tế");
    await dialog.getByLabel("Số điện thoại").fill("abc");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.getByText("Số điện thoại chỉ gồm chữ số (ví dụ 0912 345 678)").waitFor();
    await dialog.getByLabel("Số điện thoại").fill("０９１２ ３４５ ６７８");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    // The server's rule, read out above the inputs (was the bare «Dữ liệu không hợp lệ.»).
    await dialog
      .getByRole("alert")
      .getByText(
        "Chỉ cán bộ đầu mối và lãnh đạo cơ quan thuộc một cơ quan; với vai trò này, hãy bỏ chọn cơ quan",
      )
      .waitFor();
    // The role that acts for an agency keeps it.
    await choose(dialog.getByLabel("Vai trò"), "Cán bộ đầu mối");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.waitFor({ state: "hidden" });
    const users = await (await admin.context.request.get("/api/v1/admin/users")).json();
    expect(users.items.find((u: { username: string }) => u.username === "truc-co-quan")).toMatchObject({
      role: "focal_point",
      agencyName: "Sở Y tế",
      phone: "0912 345 678",
    });
  });

  it("administrator resets a user's password; the user signs in with it", async () => {
    const { page } = admin;
    await page.goto("/console/admin/users");
    await page.getByRole("heading", { name: "Người dùng và vai trò" }).waitFor();
    await page
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: "leader", exact: true }) })
      .getByRole("button", { name: "Đặt lại mật khẩu" })
      .click();
    const dialog = page.getByRole("dialog", { name: /Đặt lại mật khẩu cho/ });
    await dialog.getByLabel("Mật khẩu mới").fill("mat-khau-moi-2026");
    await screenshot(page, "16-admin-reset-password");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(/Đã đặt lại mật khẩu cho/).waitFor();
    const context = await h.browser.newContext({ baseURL: h.baseUrl });
    const login = await context.request.post("/api/v1/auth/login", {
      data: { username: "leader", password: "mat-khau-moi-2026" },
    });
    expect(login.status()).toBe(200);
    await context.close();
  });

  it("audit log lists who changed what, filtered by entity, with before and after", async () => {
    const { page } = admin;
    await page.goto("/console/admin/audit");
    await page.getByRole("heading", { name: "Nhật ký thay đổi", level: 1 }).waitFor();
    await choose(page.getByRole("combobox", { name: "Đối tượng" }), "Kênh tiếp");
    // Issue 18: kinds in words (the code stays in the title), keys by their label.
    const rows = page.getByRole("row").filter({ hasText: "Sửa cấu hình kênh" });
    await expect.poll(() => rows.count()).toBe(3);
    await rows.first().getByText("secretsChanged", { exact: false }).waitFor();
    // The secret's value is never in the log, only that it changed.
    await expect.poll(() => page.getByText("khoa-bi-mat-oa-1").count()).toBe(0);

    await choose(page.getByRole("combobox", { name: "Đối tượng" }), "Người dùng");
    await page.getByRole("combobox", { name: "Đối tượng" }).press("Escape");
    // The options list closes with an animation; check the page once it is gone.
    await expect.poll(() => page.getByRole("listbox").count()).toBe(0);
    await page.getByRole("row").filter({ hasText: "Đặt lại mật khẩu" }).first().waitFor();
    // A creation lists the new values; the leader's row shows the role it was created with.
    await page.getByText("Vai trò: Lãnh đạo cơ quan").first().waitFor();
    await screenshot(page, "17-admin-audit");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the log pages keep their page in the address: a reload stays, Back returns, a new filter starts at 1", async () => {
    // Thirty-fifth session: the filter lived in the address, the page did not — a reload of page 2
    // showed page 1, and Back after turning a page left the log.
    // The access log past its first 50 entries: the coordinator reads the request list 51 times.
    const coordinator = await signedIn(h, "coordinator");
    for (let i = 0; i < 51; i++) await coordinator.context.request.get("/api/v1/requests?pageSize=1");
    await coordinator.context.close();
    const { page } = admin;
    const active = () => page.locator(".ant-pagination-item-active").textContent();
    // The first entry's id (antd's row key): the access log's entries may read alike.
    const firstRow = () => page.locator(".ant-table-row").first().getAttribute("data-row-key");
    for (const path of ["/console/admin/audit", "/console/admin/access-log"]) {
      await opened(page, path);
      const one = await firstRow();
      await page.locator(".ant-pagination-item-2").click();
      await expect.poll(() => new URL(page.url()).search).toBe("?page=2");
      await expect.poll(firstRow).not.toBe(one);
      const two = await firstRow();
      await page.reload();
      await expect.poll(active).toBe("2");
      await expect.poll(firstRow).toBe(two);
      await page.goBack();
      await expect.poll(() => new URL(page.url()).search).toBe("");
      await expect.poll(active).toBe("1");
      await expect.poll(firstRow).toBe(one);
    }
    // A filter applied on page 2 starts again at page 1 (the address without a page).
    await opened(page, "/console/admin/audit?page=2");
    await expect.poll(active).toBe("2");
    await choose(page.getByRole("combobox", { name: "Đối tượng" }), "Yêu cầu");
    await expect.poll(() => new URL(page.url()).search).toBe("?entity=request");
    await expect.poll(active).toBe("1");
  });

  it("access log shows who opened which request and from where; the administrator opens no request", async () => {
    // Issue 14: the coordinator opens a request; the administrator sees that it happened, not the request.
    const coordinator = await signedIn(h, "coordinator");
    const list = await (await coordinator.context.request.get("/api/v1/requests?pageSize=1")).json();
    const id: string = list.items[0].id;
    expect((await coordinator.context.request.get(`/api/v1/requests/${id}`)).status()).toBe(200);
    await coordinator.context.close();
    expect((await admin.context.request.get(`/api/v1/requests/${id}`)).status()).toBe(403);

    const { page } = admin;
    await page.goto("/console/admin/access-log");
    await page.getByRole("heading", { name: "Nhật ký truy cập dữ liệu cá nhân", level: 1 }).waitFor();
    const showOnly = async (action: string) => {
      await page.getByRole("combobox", { name: "Hành động" }).click();
      await page.getByTitle(action).click();
      // Close the picker (antd's open list has no accessible name of its own; axe reads it while open).
      await page.keyboard.press("Escape");
      await page
        .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)")
        .waitFor({ state: "detached" })
        .catch(() => {});
    };
    await showOnly("Xem yêu cầu");
    const row = page.getByRole("row").filter({ hasText: id.slice(0, 8) });
    await row.first().getByText("Xem yêu cầu").waitFor();
    await row.first().getByText("Điều phối (Sở)").waitFor();
    // Thirty-fourth session: the filter lives in the address; a reload (or a link) keeps it.
    await expect.poll(() => new URL(page.url()).search).toBe("?action=request_read");
    await page.reload();
    await page.getByTitle("Xem yêu cầu").waitFor();
    await row.first().getByText("Xem yêu cầu").waitFor();
    expect(await page.getByRole("row").filter({ hasText: "Xem danh sách yêu cầu" }).count()).toBe(0);
    // Fifteenth session: the coordinator's list read (?pageSize=1) shows its filters in words, not
    // as parameter names.
    await showOnly("Xem danh sách yêu cầu");
    const listed = page
      .getByRole("row")
      .filter({ hasText: "Xem danh sách yêu cầu" })
      .filter({ hasText: "Điều phối (Sở)" })
      .first();
    await listed.getByText(/^Bộ lọc: .*số dòng mỗi trang 1/).waitFor();
    await listed.getByText("Địa chỉ gọi: GET /api/v1/requests").waitFor();
    expect(await listed.textContent()).not.toMatch(/\b(page|pageSize)\b/);
    // The administrator's menu has no desk and no board.
    await expect.poll(() => page.getByRole("link", { name: "Điều phối", exact: true }).count()).toBe(0);
    await screenshot(page, "18-admin-access-log");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
