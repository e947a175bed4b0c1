import { beforeAll, describe, expect, it } from "vitest";
import { startCtiAdapter } from "../../src/server/channels/testing/cti-adapter.js";
import { madeBeforeAll } from "../../src/test/hooks.js";
import { screenshot, seriousViolations, signedIn, useConsole } from "./browser.js";

const SECRET = "cti-e2e-secret-0123456789";

/**
 * Issue 12 in a browser: a call arrives while the operator is on the desk; the caller appears live
 * (no reload), the intake form is filled and linked to the call, and saving it links the request;
 * a recording that could not be kept says why, in words.
 */
describe("the caller on screen (issue 12)", () => {
  const adapter = madeBeforeAll(
    () => startCtiAdapter(SECRET),
    (a) => a.close(),
  );
  const h = useConsole(() => ({ CTI_SECRET: SECRET, CTI_ADAPTER_URL: adapter.url }));
  beforeAll(() => {
    adapter.serverUrl = h.baseUrl;
  });

  /** The operator on the desk, its live stream open (the top bar says so) before a call comes in. */
  async function onDesk() {
    const signed = await signedIn(h, "operator");
    await signed.page.goto("/console/desk");
    await signed.page.getByText("Tiếp nhận yêu cầu").first().waitFor();
    await signed.page.locator(".top-bar .ant-badge-status-success").waitFor();
    return signed;
  }

  it("pops the caller up live and links the saved request to the call", async () => {
    const { context, page } = await onDesk();

    const at = () => new Date().toISOString();
    const callId = "e2e-call-1";
    expect(
      await adapter.post({
        eventId: "e2e-1",
        event: "call.new",
        callId,
        at: at(),
        from: "0914 555 666",
        to: "1022",
        direction: "in",
      }),
    ).toBe(200);
    // Ringing: the call appears on the desk by itself.
    const card = page.getByTestId(`call-${callId}`);
    await card.getByText("Cuộc gọi đến từ 0914555666").waitFor();
    await card.getByText("Đang đổ chuông").waitFor();

    // The switchboard says this operator answered: the form fills with the caller and is linked.
    expect(
      await adapter.post({ eventId: "e2e-2", event: "call.answered", callId, at: at(), agent: "operator" }),
    ).toBe(200);
    await page.getByText(`Phiếu tiếp nhận đang gắn với cuộc gọi ${callId}`).waitFor();
    await expect.poll(() => page.getByLabel("Số điện thoại").inputValue()).toBe("0914555666");
    await screenshot(page, "12-desk-call-popup");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("Họ và tên").fill("Lê Thị Hoa");
    await page.getByLabel("Địa chỉ liên hệ").fill("Xã Quảng Phú, Thọ Xuân");
    await page
      .getByLabel("Nội dung yêu cầu")
      .fill("Hỏi lịch tiêm vắc xin sởi cho trẻ 9 tháng tuổi tại trạm y tế xã.");
    await page.getByRole("button", { name: /Lưu yêu cầu/ }).click();
    const saved = page.getByText(/Đã lưu yêu cầu /);
    await saved.waitFor();
    const code = /Đã lưu yêu cầu (\S+)/.exec((await saved.textContent()) ?? "")?.[1];
    expect(code).toBeTruthy();

    const call = await (await context.request.get(`/api/v1/calls/${callId}`)).json();
    expect(call).toMatchObject({
      callId,
      from: "+84914555666",
      status: "answered",
      agent: "operator",
      requestCode: code,
    });
    // The request shows its call.
    await page.getByTestId(`request-call-${callId}`).waitFor();

    // Forwarding while the caller is on the line: the dialog shows the agency's hotline and says the
    // call will be put through; the switchboard's result lands on the slip.
    await page.getByRole("button", { name: /Chuyển cơ quan xử lý/ }).click();
    const dialog = page.getByRole("dialog", { name: "Chuyển cơ quan xử lý" });
    await dialog.getByText(/cuộc gọi được chuyển trực tiếp/).waitFor();
    expect(await dialog.getByLabel("Đã chuyển máy thành công").count()).toBe(0);
    await dialog.getByLabel("Cơ quan xử lý").fill("y te");
    await page.getByRole("option", { name: "Sở Y tế", exact: true }).waitFor({ state: "attached" });
    await dialog.getByLabel("Cơ quan xử lý").press("Enter");
    await dialog.getByText(/^Đường dây nóng: /).waitFor();
    await screenshot(page, "12-forward-live-call");
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect
      .poll(
        async () =>
          (await (await context.request.get(`/api/v1/calls/${callId}`)).json()).transfers?.[0]?.result,
      )
      .toBe("connected");
    expect(adapter.commands.at(-1)).toMatchObject({ path: `/calls/${callId}/transfer`, signatureOk: true });
    await page
      .getByTestId(`request-call-${callId}`)
      .getByText(/Đã kết nối/)
      .waitFor();

    // A recording from a host not on the allowlist (none is set here): not kept, and the page says
    // why in words — never the stored text, which names the setting and the host.
    expect(
      await adapter.post({
        eventId: "e2e-3",
        event: "call.recording.ready",
        callId,
        at: at(),
        recording: {
          url: "http://pbx-recordings.example:8088/rec/e2e-call-1.wav",
          sha256: "0".repeat(64),
          bytes: 5000,
          mime: "audio/wav",
        },
      }),
    ).toBe(200);
    const callItem = page.getByTestId(`request-call-${callId}`);
    await callItem.getByText("Không lưu được ghi âm").waitFor();
    await callItem.getByText("Máy chủ ghi âm chưa có trong danh sách được phép tải").waitFor();
    const words = (await callItem.textContent()) ?? "";
    for (const raw of ["CTI_RECORDING_HOSTS", "pbx-recordings.example", "danh sách cho phép"])
      expect(words).not.toContain(raw);
    await screenshot(page, "12-recording-not-kept");
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("says «Số ẩn» for a withheld number and offers no callback to it (6 Dec 2026)", async () => {
    const { context, page } = await onDesk();
    const at = () => new Date().toISOString();
    // The switchboard sends "anonymous" (Zammad's word, and the generic form's for a missing `from`).
    const post = (eventId: string, event: Record<string, unknown>) =>
      adapter.post({ eventId, at: at(), ...event });
    expect(
      await post("w-1", {
        event: "call.new",
        callId: "w-answered",
        from: "anonymous",
        to: "1022",
        direction: "in",
      }),
    ).toBe(200);
    await page.getByTestId("call-w-answered").getByText("Cuộc gọi đến từ Số ẩn").waitFor();
    expect(await post("w-2", { event: "call.answered", callId: "w-answered", agent: "operator" })).toBe(200);
    await page.getByText("Phiếu tiếp nhận đang gắn với cuộc gọi w-answered").waitFor();
    // Not a phone number: the intake form's number stays empty for the operator to ask.
    expect(await page.getByLabel("Số điện thoại").inputValue()).toBe("");

    expect(
      await post("w-3", {
        event: "call.new",
        callId: "w-missed",
        from: "Anonymous",
        to: "1022",
        direction: "in",
      }),
    ).toBe(200);
    expect(await post("w-4", { event: "call.hangup", callId: "w-missed", cause: "cancel" })).toBe(200);
    const row = page.getByRole("listitem").filter({ hasText: /^Số ẩn · / });
    await row.waitFor();
    expect(await row.getByRole("button", { name: "Gọi lại" }).isDisabled()).toBe(true);
    const words = (await page.locator("main").textContent()) ?? "";
    expect(words.toLowerCase()).not.toContain("anonymous");
    await screenshot(page, "12-withheld-number");
    await context.close();
  });
});
