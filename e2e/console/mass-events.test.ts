import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { massEventList } from "../../src/shared/schemas/mass-events.js";
import { requestDetail } from "../../src/shared/schemas/requests.js";
import {
  createRequest,
  pickerText,
  screenshot,
  seriousViolations,
  settled,
  signedIn,
  useConsole,
} from "./browser.js";

/**
 * Issue 19 in the browser: the coordinator declares a mass event on its screen; a new request that
 * asks about it is linked when it is taken; the operator sees the event beside the request on the
 * desk and answers it with the prepared text in one click, confirming in the answer dialog.
 */
describe("mass events: declared by the coordinator, answered in one click on the desk", () => {
  const h = useConsole();
  let coordinator: { context: BrowserContext; page: Page };
  let operator: { context: BrowserContext; page: Page };
  const title = "Chiến dịch tiêm vắc xin sởi cho trẻ 1–5 tuổi";
  const prepared =
    "Đợt tiêm vắc xin sởi cho trẻ từ 1 đến 5 tuổi diễn ra tại trạm y tế xã, phường nơi cư trú, miễn phí; mang theo sổ tiêm chủng.";

  beforeAll(async () => {
    coordinator = await signedIn(h, "coordinator");
    operator = await signedIn(h, "operator");
  }, 300_000);

  it("the coordinator declares the event", async () => {
    const page = coordinator.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto("/console/board");
    await page.getByRole("menuitem", { name: "Sự kiện diện rộng" }).click();
    await page.getByRole("heading", { name: "Sự kiện diện rộng", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Khai báo sự kiện" }).click();
    const dialog = page.getByRole("dialog", { name: "Khai báo sự kiện diện rộng" });
    await settled(dialog);
    await dialog.getByLabel("Tiêu đề").fill(title);
    const fields = dialog.getByLabel("Lĩnh vực");
    await fields.fill("tiem phong");
    await page
      .getByRole("option", { name: "Cấp cứu, sức khỏe, xét nghiệm, tiêm phòng" })
      .waitFor({ state: "attached" });
    await fields.press("Enter");
    await fields.press("Escape"); // closes the dropdown, not the dialog
    await dialog
      .locator(".ant-select-selection-item-content", { hasText: "Cấp cứu, sức khỏe, xét nghiệm, tiêm phòng" })
      .waitFor();
    await dialog.getByLabel("Từ khoá").fill("tiem soi, lich tiem soi, tiêm sởi ở đâu");
    await dialog.getByLabel("Câu trả lời soạn sẵn").fill(prepared);
    // From an hour ago (the server's clock) for a week, typed as the pickers take it.
    const now = h.t.clock.now().getTime();
    const starts = dialog.getByPlaceholder("Bắt đầu");
    await starts.click();
    await starts.fill(pickerText(new Date(now - 3_600_000)));
    await starts.press("Enter");
    const ends = dialog.getByPlaceholder("Kết thúc");
    await ends.fill(pickerText(new Date(now + 7 * 86_400_000)));
    await ends.press("Enter");
    await dialog.getByLabel("115 – Cấp cứu").check();
    await screenshot(page, "mass-events-00-form-1366");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = page.getByRole("row", { name: new RegExp(title) });
    await row.getByText("Đang diễn ra").waitFor();
    // The window reads as a range, start – end, not as two unrelated times.
    expect(await row.textContent()).toMatch(
      /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} – ?\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/,
    );
    await screenshot(page, "mass-events-01-declared-1366");
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "mass-events-02-declared-390");
    expect(await seriousViolations(page)).toEqual([]);

    const list = massEventList.parse(await (await page.request.get("/api/v1/mass-events")).json());
    // The demo's event is over; this one is the only one on now.
    expect(list.items.filter((e) => e.active)).toEqual([
      expect.objectContaining({
        title,
        answer: prepared,
        fields: ["y-te-xet-nghiem-tiem-phong"],
        emergencyNumbers: ["115"],
        active: true,
        linked: 0,
      }),
    ]);
  }, 240_000);

  it("the operator answers a matching request with the prepared text in one click", async () => {
    const request = await createRequest(operator.context, {
      channel: "phone",
      requester: { fullName: "Lê Thị Hoa", phone: "0915 246 810", address: "Phường Hạc Thành" },
      content: "cho em hoi lich tiem soi cho be 3 tuoi o tram y te phuong minh la ngay nao a",
      field: "y-te-xet-nghiem-tiem-phong",
    });

    const page = operator.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/console/desk?r=${request.id}`);
    const panel = page.getByRole("region", { name: "Sự kiện diện rộng" });
    await panel.getByText(title).waitFor();
    await screenshot(page, "mass-events-03-desk-1366");
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "mass-events-04-desk-390");
    await page.setViewportSize({ width: 1366, height: 768 });

    await panel.getByRole("button", { name: "Trả lời bằng câu trả lời soạn sẵn" }).click();
    const dialog = page.getByRole("dialog", { name: "Trả lời từ bộ câu hỏi" });
    await settled(dialog);
    await expect
      .poll(() => dialog.getByLabel("Nội dung trả lời").inputValue(), { timeout: 30_000 })
      .toBe(prepared);
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect
      .poll(
        async () =>
          requestDetail.parse(await (await page.request.get(`/api/v1/requests/${request.id}`)).json()).status,
        { timeout: 30_000 },
      )
      .toBe("answered");
    // The panel is gone (nothing left to answer); the coordinator's screen counts the answer.
    await panel.waitFor({ state: "hidden" });
    await coordinator.page.setViewportSize({ width: 1366, height: 768 });
    await coordinator.page.reload();
    const row = coordinator.page.getByRole("row", { name: new RegExp(title) });
    await row.waitFor();
    await expect
      .poll(async () => (await row.getByRole("cell").allInnerTexts()).slice(3, 5), { timeout: 30_000 })
      .toEqual(["1", "1"]);
  }, 240_000);
});
