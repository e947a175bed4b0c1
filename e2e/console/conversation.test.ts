import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createImapPoller } from "../../src/server/channels/email/imap-poller.js";
import { startCitizenMailbox } from "../../src/server/channels/testing/dovecot.js";
import { MAILBOX } from "../../src/server/channels/testing/mail.js";
import { startSmtpSink } from "../../src/server/channels/testing/smtp-sink.js";
import { createOutboxWorker } from "../../src/server/jobs/outbox.worker.js";
import type { RequestDetail } from "../../src/shared/schemas/requests.js";
import { madeBeforeAll } from "../../src/test/hooks.js";
import { forwardedRequest, screenshot, seriousViolations, signedIn, useConsole } from "./browser.js";

const CITIZEN_EMAIL = "lan@example.vn";
const CITIZEN_PHONE = "0915 246 810";

/**
 * Art. 14.6 in the browser (issue 13): the focal point of Sở Y tế asks the requester from the
 * request page; the requester answers on the portal's follow page, then by replying to the email;
 * both replies appear on the focal point's open page without a reload, and the waiting tag goes.
 */
describe("conversation with the requester in the console", () => {
  const mailbox = madeBeforeAll(
    () => startCitizenMailbox(MAILBOX),
    (m) => m.close(),
  );
  const smtp = madeBeforeAll(startSmtpSink, (s) => s.close());
  const h = useConsole(() => ({ IMAP_URL: mailbox.dovecot.url(MAILBOX), SMTP_URL: smtp.url }));
  const poller = madeBeforeAll(
    async () =>
      createImapPoller(h.t.ctx, h.t.services.requests.intakeFromChannel, { pollIntervalMs: 600_000 }),
    (p) => p.stop(),
  );
  let focal: { context: BrowserContext; page: Page };
  let request: RequestDetail;

  beforeAll(async () => {
    // Seeded through the API as the operator would: a phone request with an email, forwarded to Sở Y tế.
    request = await forwardedRequest(
      h,
      {
        channel: "phone",
        requester: {
          fullName: "Phạm Thị Lan",
          phone: CITIZEN_PHONE,
          address: "Xã Quảng Phú",
          email: CITIZEN_EMAIL,
        },
        content: "Xin hỏi con tôi 8 tuổi chưa tiêm mũi nhắc sởi thì tiêm ở đâu?",
        field: "y-te-xet-nghiem-tiem-phong",
      },
      { transferAttempt: "not_attempted" },
    );
    focal = await signedIn(h, "focal");
  });

  const conversation = () => focal.page.getByRole("log", { name: "Các tin trao đổi" });

  it("the focal point asks from the request page; the request shows it waits for the requester", async () => {
    const page = focal.page;
    await page.goto(`/console/requests/${request.id}`);
    await page.getByText("Trao đổi với người yêu cầu").waitFor();
    await page.getByLabel("Câu hỏi gửi người yêu cầu").fill("Cháu đang học trường nào, ở xã nào?");
    await page.getByRole("button", { name: "Gửi câu hỏi" }).click();
    await conversation().getByText("Cháu đang học trường nào, ở xã nào?").waitFor();
    await page.getByText("Chờ người dân bổ sung", { exact: true }).first().waitFor();
    await screenshot(page, "conversation-01-asked");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the requester answers on the follow page; the focal point sees it without reloading", async () => {
    const citizen = await h.browser.newContext({
      baseURL: h.baseUrl,
      locale: "vi-VN",
      viewport: { width: 390, height: 844 },
    });
    const page = await citizen.newPage();
    await page.goto(`/tra-cuu?ma=${request.code}`);
    await page.getByLabel("Số điện thoại").fill(CITIZEN_PHONE);
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await page.getByText("Cơ quan xử lý đang chờ bạn bổ sung thông tin.").waitFor();
    await page.getByText("Cháu đang học trường nào, ở xã nào?").waitFor();
    await page.getByLabel("Trả lời cơ quan xử lý").fill("Cháu học trường Tiểu học Quảng Phú, xã Quảng Phú.");
    await page.getByRole("button", { name: "Gửi trả lời" }).click();
    await page.getByText("Đã gửi trả lời của bạn").waitFor();
    await screenshot(page, "conversation-02-portal-reply");
    await citizen.close();

    // Live: the focal point's page (opened before the reply) shows it, and the waiting tag is gone.
    await conversation().getByText("Cháu học trường Tiểu học Quảng Phú, xã Quảng Phú.").waitFor();
    await focal.page
      .getByText("Chờ người dân bổ sung", { exact: true })
      .first()
      .waitFor({ state: "detached" });
  });

  it("the requester answers a second question by email; it lands live on the same page", async () => {
    const page = focal.page;
    await page
      .getByLabel("Câu hỏi gửi người yêu cầu")
      .fill("Cháu đã tiêm mũi sởi đầu tiên lúc mấy tháng tuổi?");
    await page.getByRole("button", { name: "Gửi câu hỏi" }).click();
    await conversation().getByText("Cháu đã tiêm mũi sởi đầu tiên lúc mấy tháng tuổi?").waitFor();

    // The outbox sends it by email, in the request's thread.
    await createOutboxWorker(h.t.ctx, h.t.services.channelAdapters).drain();
    const question = smtp.received.find(
      (m) => m.envelopeTo.includes(CITIZEN_EMAIL) && m.parsed.text?.includes("mũi sởi đầu tiên"),
    );
    const ourId = question?.parsed.messageId ?? "";
    expect(question?.parsed.subject).toContain(`[${request.code}]`);

    await mailbox.citizen.append(
      MAILBOX,
      [
        `From: Phạm Thị Lan <${CITIZEN_EMAIL}>`,
        "To: 1022@thanhhoa.gov.vn",
        `Subject: Re: [${request.code}] Tổng đài 1022`,
        "Message-ID: <lan-reply@example.vn>",
        `In-Reply-To: ${ourId}`,
        `References: ${ourId}`,
        "Date: Mon, 02 Mar 2026 10:00:00 +0700",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Cháu tiêm mũi đầu lúc 9 tháng tuổi tại trạm y tế xã.",
        "",
      ].join("\r\n"),
    );
    expect(await poller.pollOnce()).toEqual({ fetched: 1, taken: 1 });

    await conversation().getByText("Cháu tiêm mũi đầu lúc 9 tháng tuổi tại trạm y tế xã.").waitFor();
    await page.getByText("Chờ người dân bổ sung", { exact: true }).first().waitFor({ state: "detached" });
    expect(await conversation().getByText("Người dân trả lời").count()).toBe(2);
    await screenshot(page, "conversation-03-email-reply-live");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
