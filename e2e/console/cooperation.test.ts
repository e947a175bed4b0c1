import { beforeAll, describe, expect, it } from "vitest";
import { agencyTable } from "../../src/server/db/repositories/agency.repository.js";
import { type RequestDetail, requestDetail } from "../../src/shared/schemas/requests.js";
import { createRequest, screenshot, seriousViolations, signedIn, useConsole } from "./browser.js";

/**
 * Issue 19 in the browser: the operator forwards a request naming a commune by its name before the
 * 2025 merger — the dialog proposes that commune's People's Committee first — with Sở Y tế as a
 * cooperating agency; Sở Y tế's focal point sends its contribution, which the request page shows
 * under the cooperating agencies' contributions, on time.
 */
describe("forwarding to a lead and a cooperating agency in the console", () => {
  const h = useConsole();
  let request: RequestDetail;

  beforeAll(async () => {
    const operator = await signedIn(h, "operator");
    request = await createRequest(operator.context, {
      channel: "portal",
      requester: { fullName: "Trần Văn Bình", phone: "0916 222 333", address: "Thôn 2" },
      content:
        "Bãi rác tự phát ven đê ở xã Quảng Nham, huyện Quảng Xương bốc mùi, nhiều trẻ em trong thôn bị sốt.",
      field: "phan-anh-vi-pham",
    });
    await operator.context.close();
  }, 120_000);

  it("the forward dialog proposes the commune first; the cooperating agency contributes on time", async () => {
    const { context, page } = await signedIn(h, "operator");
    await page.goto(`/console/requests/${request.id}`);
    await page.getByRole("button", { name: /Chuyển cơ quan xử lý/ }).click();
    const dialog = page.getByRole("dialog", { name: "Chuyển cơ quan xử lý" });
    await dialog.getByText("Gợi ý cơ quan xử lý").waitFor();
    await dialog.getByText("Xã Tiên Trang (Xã Quảng Nham)").waitFor();
    const first = dialog.getByRole("button", { name: /^Chọn: / }).first();
    expect(await first.getAttribute("aria-label")).toBe("Chọn: UBND Xã Tiên Trang");
    await first.click();
    await dialog.getByLabel("Cơ quan phối hợp").fill("y te");
    await page.getByRole("option", { name: "Sở Y tế", exact: true }).waitFor({ state: "attached" });
    await dialog.getByLabel("Cơ quan phối hợp").press("Enter");
    await dialog.getByLabel("Cơ quan phối hợp").press("Escape"); // closes the dropdown, not the dialog
    await dialog.locator(".ant-select-selection-item-content", { hasText: "Sở Y tế" }).waitFor();
    await screenshot(page, "19-forward-cooperating");
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await dialog.waitFor({ state: "hidden" });
    const slips = page.getByRole("table").filter({ hasText: "Phối hợp" });
    await slips.getByText("UBND Xã Tiên Trang").waitFor();
    await slips.getByText("Chủ trì").waitFor();
    await page.getByText("Chưa có ý kiến: Sở Y tế").waitFor();
    // Checked with the dialog closed: behind a modal's mask axe misreads the page's contrast.
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();

    const focal = await signedIn(h, "focal");
    await focal.page.goto(`/console/requests/${request.id}`);
    await focal.page.getByRole("button", { name: "Gửi ý kiến phối hợp" }).click();
    const contribute = focal.page.getByRole("dialog", { name: "Gửi ý kiến phối hợp" });
    await contribute
      .getByLabel("Ý kiến phối hợp gửi cơ quan chủ trì")
      .fill("Trạm y tế xã đã kiểm tra, chưa ghi nhận ổ dịch; đề nghị xã xử lý bãi rác.");
    await contribute.getByRole("button", { name: "Xác nhận" }).click();
    await contribute.waitFor({ state: "hidden" });
    const panel = focal.page.locator(".ant-card").filter({ hasText: "Ý kiến của cơ quan phối hợp" });
    await panel.getByText("Trạm y tế xã đã kiểm tra").waitFor();
    await panel.getByText("Đúng hạn").waitFor();
    expect(await focal.page.getByRole("button", { name: "Gửi ý kiến phối hợp" }).count()).toBe(0);
    await screenshot(focal.page, "19-contribution");
    expect(await seriousViolations(focal.page)).toEqual([]);
    const stored = requestDetail.parse(
      await (await focal.context.request.get(`/api/v1/requests/${request.id}`)).json(),
    );
    const health = await agencyTable.findByCode(h.t.ctx.db, "SYT");
    expect(stored.contributions.map((c) => [c.agencyId, c.onTime])).toEqual([[health?.id, true]]);
    expect(stored.slips.map((x) => [x.role, x.status])).toEqual([
      ["lead", "open"],
      ["cooperating", "contributed"],
    ]);
    await focal.context.close();
  }, 120_000);
});
