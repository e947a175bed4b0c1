import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createRequest, csrfOf, opened, screenshot, signedIn, useConsole } from "./browser.js";

/**
 * The thirty-ninth session: no console text that is saved is cut unseen at its limit any more (antd
 * `maxLength` kept the first 2,000 or 5,000 characters of a pasted text and the rest was saved). An
 * over-long text is told under its field with the server's own rule, and nothing is sent.
 */
describe("texts over their limit are told, not cut unseen", () => {
  const h = useConsole();

  /** The URLs of the requests the page sends with `method` to a path containing `part`. */
  const sent = (page: Page, method: string, part: string): string[] => {
    const urls: string[] = [];
    page.on("request", (r) => {
      if (r.method() === method && r.url().includes(part)) urls.push(r.url());
    });
    return urls;
  };
  /** The message under the form item that holds `field`. */
  const told = (field: Locator) =>
    field
      .locator("xpath=ancestor::*[contains(concat(' ', @class, ' '), ' ant-form-item ')][1]")
      .locator(".ant-form-item-explain")
      .textContent();

  /** A request filed by phone, opened by `username`, recording what its page sends to `part`. */
  const requestOpened = async (username: string, method: string, part: string) => {
    const { context, page } = await signedIn(h, username);
    const request = await createRequest(context, {
      channel: "phone",
      requester: { fullName: "Lê Văn Hùng", phone: "0913456789", address: "Phường Thuận Hoá" },
      content: "Xin hỏi lịch tiêm nhắc mũi sởi cho trẻ 6 tuổi?",
      field: "y-te-xet-nghiem-tiem-phong",
    });
    const calls = sent(page, method, part);
    await opened(page, `/console/requests/${request.id}`);
    return { context, page, calls };
  };

  it("a legal hold's reason over 2,000 characters", async () => {
    const { context, page, calls: puts } = await requestOpened("coordinator", "PUT", "/legal-hold");
    const reason = page.getByLabel("Lý do phong toả (văn bản của cơ quan có thẩm quyền)");
    const pasted = "Công văn 12/TTr của Thanh tra tỉnh. ".repeat(60); // 2,100 characters
    await reason.fill(pasted);
    expect(await reason.inputValue()).toBe(pasted);
    await page.getByRole("button", { name: "Phong toả", exact: true }).click();
    await expect.poll(() => told(reason)).toBe("Tối đa 2.000 ký tự");
    expect(puts).toEqual([]);
    await context.close();
  });

  it("a data request's name and details at intake", async () => {
    const { context, page } = await signedIn(h, "coordinator");
    const posts = sent(page, "POST", "/api/v1/data-requests");
    await opened(page, "/console/data-requests");
    await page.getByRole("button", { name: "Tiếp nhận yêu cầu" }).click();
    const dialog = page.getByRole("dialog", { name: "Tiếp nhận yêu cầu" });
    const name = dialog.getByLabel("Họ và tên");
    await name.fill("Nguyễn Thị Hoa ".repeat(15)); // 225 characters
    await dialog.getByLabel("Số điện thoại").fill("0977 123 456");
    await dialog.getByLabel("Địa chỉ nhận trả lời").fill("hoa.nguyen@example.vn");
    const details = dialog.getByLabel("Nội dung yêu cầu");
    const asked = "Đề nghị cung cấp bản sao dữ liệu. ".repeat(150); // 5,100 characters
    await details.fill(asked);
    expect(await details.inputValue()).toBe(asked);
    await dialog.getByRole("button", { name: "Ghi nhận" }).click();
    await expect.poll(() => told(name)).toBe("Tối đa 200 ký tự");
    await expect.poll(() => told(details)).toBe("Tối đa 5.000 ký tự");
    await screenshot(page, "49-data-request-too-long");
    expect(posts).toEqual([]);
    // Shortened, it goes; the fields left empty (the chat's id among them) ask for nothing.
    await name.fill("Nguyễn Thị Hoa");
    await details.fill("Đề nghị cung cấp bản sao dữ liệu.");
    await dialog.getByRole("button", { name: "Ghi nhận" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(posts).toHaveLength(1);
    await context.close();
  });

  it("a data request's note with the answer and a refusal's reason", async () => {
    const { context, page } = await signedIn(h, "coordinator");
    const headers = { "x-csrf-token": await csrfOf(context) };
    const created = await context.request.post("/api/v1/data-requests", {
      headers,
      data: { kind: "access", subject: { phone: "0988111222" }, reply: { channel: "post" } },
    });
    const { id } = (await created.json()) as { id: string };
    await context.request.post(`/api/v1/data-requests/${id}/acknowledge`, { headers, data: { version: 1 } });
    const steps = sent(page, "POST", `/api/v1/data-requests/${id}/`);
    await opened(page, `/console/data-requests/${id}`);
    const reason = page.getByLabel("Lý do từ chối");
    const refused = "Không xác định được người yêu cầu. ".repeat(150); // 5,100 characters
    await reason.fill(refused);
    expect(await reason.inputValue()).toBe(refused);
    await page.getByRole("button", { name: "Từ chối có lý do" }).click();
    await expect.poll(() => told(reason)).toBe("Tối đa 5.000 ký tự");
    const note = page.getByLabel("Ghi chú gửi kèm câu trả lời");
    const noted = "Bản sao dữ liệu gửi kèm thư này. ".repeat(160); // 5,280 characters
    await note.fill(noted);
    expect(await note.inputValue()).toBe(noted);
    await page.getByRole("button", { name: "Thực hiện và trả lời" }).click();
    await page.getByRole("button", { name: /OK|Đồng ý/ }).click();
    await expect.poll(() => told(note)).toBe("Tối đa 5.000 ký tự");
    expect(steps).toEqual([]);
    await context.close();
  });

  it("a follow link's revocation reason over 500 characters", async () => {
    const { context, page, calls: posts } = await requestOpened("operator", "POST", "/follow-link/revoke");
    await page.getByRole("button", { name: "Thu hồi đường dẫn theo dõi" }).click();
    const dialog = page.getByRole("dialog", { name: "Thu hồi đường dẫn theo dõi yêu cầu" });
    const reason = dialog.getByLabel("Lý do");
    const why = "Người nhà đã xem được đường dẫn. ".repeat(20); // 640 characters
    await reason.fill(why);
    expect(await reason.inputValue()).toBe(why);
    await dialog.getByRole("button", { name: "Thu hồi đường dẫn theo dõi" }).click();
    await expect.poll(() => told(reason)).toBe("Tối đa 500 ký tự");
    expect(posts).toEqual([]);
    await context.close();
  });
});
