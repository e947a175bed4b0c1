import { beforeAll, describe, expect, it } from "vitest";
import { SMS_DELIVERY_PATH } from "../../src/server/channels/sms/sms.adapter.js";
import { startFakeSmsGateway } from "../../src/server/channels/testing/sms-gateway.js";
import { createOutboxWorker } from "../../src/server/jobs/outbox.worker.js";
import type { RequestDetail } from "../../src/shared/schemas/requests.js";
import { madeBeforeAll } from "../../src/test/hooks.js";
import { createRequest, screenshot, seriousViolations, signedIn, useConsole } from "./browser.js";

const API_KEY = "esms-e2e-key";
const DLR_TOKEN = "dlr-e2e-token-0123456789";

/**
 * A message that reaches no requester, in the browser (5 Dec 2026): the operator takes a call from a
 * caller without email; the acknowledgement SMS goes out, and the gateway later reports it failed.
 * The operator's console, open on the desk, is told at once — a warning with the way to the request
 * and the bell's count up — without waiting for the bell's minute refresh.
 */
describe("a requester unreached, told live", () => {
  const gateway = madeBeforeAll(
    () => startFakeSmsGateway({ apiKey: API_KEY }),
    (g) => g.close(),
  );
  const h = useConsole(() => ({
    SMS_GATEWAY_URL: gateway.url,
    SMS_API_KEY: API_KEY,
    SMS_DLR_TOKEN: DLR_TOKEN,
  }));
  const outbox = madeBeforeAll(
    async () => createOutboxWorker(h.t.ctx, h.t.services.outboxDeliverers, { live: h.t.services.live }),
    (o) => o.stop(),
  );
  let request: RequestDetail;

  beforeAll(async () => {
    const operator = await signedIn(h, "operator");
    request = await createRequest(operator.context, {
      channel: "phone",
      requester: { fullName: "Lê Thị Hoa", phone: "0915 864 209", address: "Phường Hạc Thành" },
      content: "Xin hỏi lịch tiêm vắc xin phòng dại tại trạm y tế phường Hạc Thành?",
      field: "y-te-xet-nghiem-tiem-phong",
    });
    await operator.context.close();
    await outbox.drain(); // the acknowledgement (and the demo's queued messages) reach the gateway
  });

  it("the operator on the desk sees the warning and the bell count rise, and opens the request from it", async () => {
    const { context, page } = await signedIn(h, "operator");
    await page.goto("/console/desk");
    await page.getByRole("heading", { name: "Tiếp nhận yêu cầu" }).waitFor();
    const bell = page.getByRole("button", { name: /^Thông báo/ });
    await bell.waitFor();
    const unread = async () =>
      Number(/\((\d+) chưa đọc\)/.exec((await bell.getAttribute("aria-label")) ?? "")?.[1] ?? 0);
    const before = await unread();
    // The live stream is open (the status dot turns green) before the report comes.
    await page.locator(".ant-badge-status-success").first().waitFor();

    const sms = gateway.state.delivered.find((m) => m.content.includes(request.code));
    expect(sms).toBeDefined();
    const report = await context.request.post(`${SMS_DELIVERY_PATH}?token=${DLR_TOKEN}`, {
      data: { SMSID: sms?.smsId, status: "failed", error: "Thue bao khong lien lac duoc" },
    });
    expect(report.status()).toBeLessThan(300);

    const warning = page.getByText(
      `Tin nhắn về yêu cầu ${request.code} không đến được người yêu cầu; vui lòng gọi lại cho người dân`,
    );
    await warning.waitFor({ timeout: 10_000 });
    await expect.poll(unread, { timeout: 10_000 }).toBe(before + 1);
    await screenshot(page, "unreached-01-told");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Mở yêu cầu" }).click();
    await page.waitForURL(`**/console/requests/${request.id}`);
    // Opening the request puts the warning away (the bell keeps the notice).
    await warning.waitFor({ state: "detached" });
    // The request's messages: the SMS reported failed, with the network's own words.
    await page.getByText("Nhà mạng báo không đến được").first().waitFor();
    await page.getByText("Nhà mạng báo: Thue bao khong lien lac duoc").first().waitFor();
    await screenshot(page, "unreached-02-request");
    await page.setViewportSize({ width: 390, height: 844 });
    // The table re-renders stacked at this width: wait for the words again (the screenshot is full page).
    await page.getByText("Nhà mạng báo: Thue bao khong lien lac duoc").first().waitFor();
    await screenshot(page, "unreached-03-request-390");
    await context.close();
  });
});
