import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestDetail } from "../../../shared/schemas/requests.js";
import { json } from "../../../test/http.js";
import { requestDriver } from "../../../test/requests.js";
import { signIn } from "../../../test/staff.js";
import type { LiveEvent } from "../../services/live-bus.js";
import { type CitizenMailbox, startCitizenMailbox } from "../testing/dovecot.js";
import { type ChannelTestApp, createChannelTestApp } from "../testing/kit.js";
import { startSmtpSink } from "../testing/smtp-sink.js";
import { createImapPoller, type ImapPoller } from "./imap-poller.js";

const MAILBOX = "Hotline";
const CITIZEN = "binh@example.vn";
let mailbox: CitizenMailbox;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let t: ChannelTestApp;
let poller: ImapPoller;
let citizen: ImapFlow;

function mail(h: { subject: string; id: string; body: string; extra?: string[] }): string {
  return [
    `From: Trần Văn Bình <${CITIZEN}>`,
    "To: 1022@thanhhoa.gov.vn",
    `Subject: ${h.subject}`,
    `Message-ID: ${h.id}`,
    "Date: Mon, 02 Mar 2026 09:00:00 +0700",
    "MIME-Version: 1.0",
    ...(h.extra ?? []),
    "Content-Type: text/plain; charset=utf-8",
    "",
    h.body,
    "",
  ].join("\r\n");
}

beforeAll(async () => {
  mailbox = await startCitizenMailbox(MAILBOX);
  citizen = mailbox.citizen;
  smtp = await startSmtpSink();
  t = await createChannelTestApp({
    seed: "staff",
    IMAP_URL: mailbox.dovecot.url(MAILBOX),
    SMTP_URL: smtp.url,
  });
  t.clock.set("2026-03-02T09:00:00+07:00");
  poller = createImapPoller(t.ctx, t.intake, { pollIntervalMs: 600_000 });
});

afterAll(async () => {
  await poller?.stop();
  await t?.close();
  await smtp?.close();
  await mailbox?.close();
});

describe("asking an email requester (Art. 14.6, real Dovecot and SMTP)", () => {
  it("the question goes out by email in the request's thread; the reply threads back, ends the wait and is pushed live", async () => {
    await citizen.append(
      MAILBOX,
      mail({
        subject: "Hỏi về hỗ trợ học phí",
        id: "<hoc-phi@example.vn>",
        body: "Con tôi học lớp 3, xin hỏi chính sách hỗ trợ học phí năm nay.",
      }),
    );
    expect(await poller.pollOnce()).toEqual({ fetched: 1, taken: 1 });
    const [row] = await t.requests();
    const drive = requestDriver(t);
    const operator = await signIn(t.app, "operator");
    const focal = await signIn(t.app, "focal");
    const syt = await drive.agencyId("SYT");
    const received = await drive.get(operator, row?.id ?? "");
    const fwd = await drive.actOk(operator, received, "forward", {
      agencyId: syt,
      transferAttempt: "not_attempted",
    });

    const asked = json(
      await drive.act(focal, fwd, "ask-requester", { message: "Cháu học trường nào, ở xã nào?" }),
      requestDetail,
    );
    expect(asked.awaitingRequesterSince).not.toBeNull();
    expect(asked.messages[0]).toMatchObject({ direction: "out", channel: "email" });

    await t.outbox.drain();
    const question = smtp.received
      .filter((m) => m.envelopeTo.includes(CITIZEN))
      .find((m) => m.parsed.text?.includes("Cháu học trường nào"));
    expect(question?.parsed.subject).toContain(`[${asked.code}]`);
    expect(question?.parsed.text).toContain("/tra-cuu?ma=");
    const ourId = question?.parsed.messageId ?? "";
    expect(ourId).toMatch(new RegExp(`^<${asked.code}\\.o\\d+\\.`));

    const events: LiveEvent[] = [];
    const stop = t.services.live.subscribe((e) => events.push(e));
    await citizen.append(
      MAILBOX,
      mail({
        subject: `Re: [${asked.code}] Tổng đài 1022`,
        id: "<hoc-phi-reply@example.vn>",
        body: "Cháu học trường Tiểu học Quảng Hưng, xã Quảng Phú.\n\n> Cháu học trường nào, ở xã nào?",
        extra: [`In-Reply-To: ${ourId}`, `References: <hoc-phi@example.vn> ${ourId}`],
      }),
    );
    expect(await poller.pollOnce()).toEqual({ fetched: 1, taken: 1 });
    stop();

    expect(await t.count("requests")).toBe(1);
    const d = await drive.get(focal, asked.id);
    expect(d.awaitingRequesterSince).toBeNull();
    expect(d.messages.map((m) => [m.direction, m.channel])).toEqual([
      ["out", "email"],
      ["in", "email"],
    ]);
    expect(d.messages[1]?.body).toContain("Tiểu học Quảng Hưng");
    expect(d.events.at(-1)).toMatchObject({
      kind: "message_received",
      data: expect.objectContaining({ channel: "email", answeredQuestion: true }),
    });
    expect(events).toEqual([
      expect.objectContaining({ requestId: asked.id, kind: "message_received", agencyId: syt }),
    ]);
  });
});
