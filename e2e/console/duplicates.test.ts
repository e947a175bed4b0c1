import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestDetail } from "../../src/shared/schemas/requests.js";
import { createRequest, screenshot, seriousViolations, signedIn, useConsole } from "./browser.js";

/**
 * Issue 19: the operator types a new request; an open request asking the same thing is suggested
 * while typing; one click saves the new request and merges it into that one.
 */
describe("duplicate suggestion while typing, and merging", () => {
  const h = useConsole();
  let operator: { context: BrowserContext; page: Page };
  let existing: RequestDetail;

  beforeAll(async () => {
    operator = await signedIn(h, "operator");
    // An open request already recorded (another caller, earlier today).
    existing = await createRequest(operator.context, {
      channel: "phone",
      requester: { fullName: "Lê Văn Tám", phone: "0915 000 222", address: "Thôn 1, xã Quảng Phú" },
      content: "Đường vào xã Quảng Phú bị ngập sâu sau mưa lớn, xe máy không đi qua được, bao giờ rút nước?",
      field: "giao-thong-thuong-mai-an-ninh",
    });
  });

  it("suggests the open request while the operator types, and merges the new one into it", async () => {
    const { page } = operator;
    await page.goto("/console/desk");
    await page.getByRole("heading", { name: "Tiếp nhận yêu cầu" }).waitFor();
    await page.getByLabel("Số điện thoại").fill("0988777666");
    await page.getByLabel("Họ và tên").fill("Hoàng Thị Mận");
    await page.getByLabel("Địa chỉ liên hệ").fill("Thôn 4, xã Quảng Phú");
    // Typed the way callers say it: no diacritics, short.
    await page.getByLabel("Nội dung yêu cầu").fill("duong vao xa quang phu ngap sau xe may ko di duoc");
    const panel = page.getByRole("region", { name: "Yêu cầu trùng đang mở" });
    await panel.getByRole("link", { name: existing.code }).waitFor();
    await screenshot(page, "19-desk-duplicate-suggested");
    expect(await seriousViolations(page)).toEqual([]);

    await panel.getByRole("button", { name: `Gộp vào yêu cầu này: ${existing.code}` }).click();
    await page.getByText(`Đã gộp vào yêu cầu ${existing.code}`).waitFor();
    await page.getByRole("heading", { name: "Yêu cầu đang xử lý" }).waitFor();
    await page.getByText("Đã gộp vào yêu cầu khác").first().waitFor();
    await screenshot(page, "19-desk-merged");

    // What the server holds: the new request merged into the existing one, its own requester kept.
    const list = await operator.context.request.get(
      `/api/v1/requests?q=${encodeURIComponent("Hoàng Thị Mận")}`,
    );
    const items = ((await list.json()) as { items: { id: string; status: string }[] }).items;
    expect(items).toHaveLength(1);
    const merged: RequestDetail = await (
      await operator.context.request.get(`/api/v1/requests/${items[0]?.id}`)
    ).json();
    expect(merged).toMatchObject({ status: "merged", mergedInto: { id: existing.id, code: existing.code } });
    expect(merged.requester.fullName).toBe("Hoàng Thị Mận");
    const target: RequestDetail = await (
      await operator.context.request.get(`/api/v1/requests/${existing.id}`)
    ).json();
    expect(target.joinedCount).toBe(1);
  });
});
