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

  /** A signed switchboard event, stamped now. */
  const post = (eventId: string, event: Record<string, unknown>) =>
    adapter.post({ eventId, at: new Date().toISOString(), ...event });

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
    // Ringing at this operator's phone: nobody listens yet, so no «Người nghe» (6 Dec 2026).
    const refreshed = page.waitForResponse((r) => r.url().includes("/api/v1/calls?queue=live"));
    expect(
      await adapter.post({ eventId: "e2e-1b", event: "call.ringing", callId, at: at(), agent: "operator" }),
    ).toBe(200);
    await refreshed;
    expect(await card.textContent()).not.toContain("Người nghe");

    // Where it rings (6 Dec 2026): beside the form at 1366 px; above it, on screen, at 390 px.
    const form = page.getByLabel("Nội dung yêu cầu");
    await page.setViewportSize({ width: 1366, height: 768 });
    let [cardBox, formBox] = [await card.boundingBox(), await form.boundingBox()];
    expect(cardBox && formBox && cardBox.x >= formBox.x + formBox.width).toBe(true);
    expect(cardBox && cardBox.y + cardBox.height <= 768).toBe(true);
    await screenshot(page, "12-ringing-1366");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => window.innerWidth === 390);
    [cardBox, formBox] = [await card.boundingBox(), await form.boundingBox()];
    expect(cardBox && formBox && cardBox.y + cardBox.height <= formBox.y).toBe(true);
    expect(
      cardBox && cardBox.y >= 0 && cardBox.y + cardBox.height <= 844 && cardBox.x + cardBox.width <= 390,
    ).toBe(true);
    await screenshot(page, "12-ringing-390");
    await page.setViewportSize({ width: 1440, height: 900 });

    // The switchboard says this operator answered: the form fills with the caller and is linked.
    expect(
      await adapter.post({ eventId: "e2e-2", event: "call.answered", callId, at: at(), agent: "operator" }),
    ).toBe(200);
    await page.getByText(`Phiếu tiếp nhận đang gắn với cuộc gọi ${callId}`).waitFor();
    await expect.poll(() => page.getByLabel("Số điện thoại").inputValue()).toBe("0914555666");
    // Answered: the listener, by the name the console gives staff, not the username.
    await card.getByText("Người nghe: Lê Thị Hoa").waitFor();
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
    // Its request saved: the call is not offered to take again (6 Dec 2026).
    expect(await card.getByRole("button", { name: /Nhận cuộc gọi/ }).isDisabled()).toBe(true);
    // The caller's history agrees with itself: the request on screen is not an earlier one.
    const history = page.getByRole("region", { name: "Yêu cầu trước đây của số này" });
    await history.getByText("Chưa có yêu cầu nào khác từ số này").waitFor();
    expect(await history.textContent()).not.toContain("Người yêu cầu đã biết");

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

  it("shows a call ringing at a colleague's extension without offering it (6 Dec 2026)", async () => {
    const { context, page } = await onDesk();
    const from = { from: "0914 333 444", to: "1022", direction: "in" };
    expect(await post("x-1", { event: "call.new", callId: "x-colleague", ...from })).toBe(200);
    const card = page.getByTestId("call-x-colleague");
    await card.getByRole("button", { name: /Nhận cuộc gọi/ }).waitFor();
    // The switchboard rings the coordinator's phone: this operator sees where, and cannot take it.
    expect(await post("x-2", { event: "call.ringing", callId: "x-colleague", agent: "coordinator" })).toBe(
      200,
    );
    await card.getByText("Đang đổ chuông ở máy của Phạm Thu Hà").waitFor();
    expect(await card.getByRole("button", { name: /Nhận cuộc gọi/ }).count()).toBe(0);
    for (const [width, height] of [
      [1366, 768],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForFunction((w) => window.innerWidth === w, width);
      await screenshot(page, `12-ringing-colleague-${width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await post("x-3", { event: "call.hangup", callId: "x-colleague", cause: "cancel" })).toBe(200);
    await context.close();
  });

  it("says «Số ẩn» for a withheld number and offers no callback to it (6 Dec 2026)", async () => {
    const { context, page } = await onDesk();
    // The switchboard sends "anonymous" (Zammad's word, and the generic form's for a missing `from`).
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

  it("says in the callback queue that the last callback did not reach the caller (6 Dec 2026)", async () => {
    const { context, page } = await onDesk();
    const from = { from: "0914 777 888", to: "1022", direction: "in" };
    expect(await post("n-1", { event: "call.new", callId: "n-missed", ...from })).toBe(200);
    expect(await post("n-2", { event: "call.hangup", callId: "n-missed", cause: "cancel" })).toBe(200);
    const row = page.getByRole("listitem").filter({ hasText: /^0914777888 · / });
    await row.waitFor();
    expect(await row.textContent()).not.toContain("Đã gọi lại");
    // The switchboard calls back; nobody answers: the server puts the call back in the queue.
    adapter.callbackOutcomes.push("noAnswer");
    await row.getByRole("button", { name: "Gọi lại" }).click();
    await row.getByText(/^Đã gọi lại lúc \d\d\/\d\d\/\d{4} \d\d:\d\d, không liên lạc được$/).waitFor();
    expect(await row.getByRole("button", { name: "Gọi lại" }).isEnabled()).toBe(true);
    await screenshot(page, "12-callback-not-reached");
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
