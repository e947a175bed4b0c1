import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { execRaw } from "../../db/client.js";
import { citizenMail, MAILBOX, useMailApp } from "../testing/mail.js";

const { mailbox, smtp, t, poller } = useMailApp();
const mail = citizenMail;

const deliver = (raw: string) => mailbox.citizen.append(MAILBOX, raw);
const byCitizen = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));

describe("email in and out (real dovecot and SMTP)", () => {
  it("opens a request from a new mail, keeps its attachment, acknowledges in the same thread", async () => {
    await deliver(
      mail({
        from: "Nguyễn Văn An <an@example.vn>",
        subject: "Đèn đường hỏng",
        id: "<first@example.vn>",
        body: "Đèn đường số 12 phố Lê Lợi không sáng.",
        attachment: "den.png",
      }),
    );
    expect(await poller.pollOnce()).toEqual({ fetched: 1, taken: 1 });
    const [request] = await t.requests();
    expect(request).toMatchObject({ channel: "email", status: "received" });
    expect(request?.content).toContain("Đèn đường số 12");
    expect(await t.count("attachments")).toBe(1);

    expect((await t.outbox.drain()).sent).toBe(1);
    const [ack] = byCitizen("an@example.vn");
    expect(ack?.parsed.subject).toContain(`[${request?.code}]`);
    expect(ack?.parsed.inReplyTo).toBe("<first@example.vn>");
    expect(ack?.parsed.messageId).toMatch(new RegExp(`^<${request?.code}\\.o\\d+\\.`));
    expect(ack?.parsed.headers.get("auto-submitted")).toBe("auto-replied");
    expect(ack?.parsed.text).toContain(request?.code ?? "?");
  });

  it("threads a reply onto the same request by In-Reply-To, and by the code in the subject", async () => {
    const [request] = await t.requests();
    const ourId = byCitizen("an@example.vn")[0]?.parsed.messageId ?? "";
    await deliver(
      mail({
        from: "an@example.vn",
        subject: `Re: [${request?.code}] Tổng đài 1022`,
        id: "<reply1@example.vn>",
        body: "Bổ sung: từ tối qua.",
        extra: [`In-Reply-To: ${ourId}`, `References: <first@example.vn> ${ourId}`],
      }),
    );
    // A new mail client that dropped the headers still carries the code in the subject.
    await deliver(
      mail({
        from: "an@example.vn",
        subject: `Fwd: [${request?.code}]`,
        id: "<reply2@example.vn>",
        body: "Thêm ảnh sau.",
      }),
    );
    expect(await poller.pollOnce()).toEqual({ fetched: 2, taken: 2 });
    expect(await t.count("requests")).toBe(1);
    const events = await t.messageEvents(request?.id ?? "");
    expect(events).toHaveLength(2);
  });

  it("records auto-replies and bounces without ever answering them", async () => {
    const outboxBefore = await t.count("outbox");
    await deliver(
      mail({
        from: "vacation@example.org",
        subject: "Out of office",
        id: "<ooo@example.org>",
        body: "I am away.",
        extra: ["Auto-Submitted: auto-replied", "X-Autoreply: yes"],
      }),
    );
    await deliver(
      mail({
        from: "MAILER-DAEMON@example.net",
        subject: "Undelivered Mail Returned to Sender",
        id: "<bounce@example.net>",
        body: "Delivery failed.",
        extra: ["Return-Path: <>"],
      }),
    );
    await deliver(
      mail({
        from: "list@example.com",
        subject: "Bản tin",
        id: "<news@example.com>",
        body: "Tin tức",
        extra: ["Precedence: bulk", "List-Id: <news.example.com>"],
      }),
    );
    expect((await poller.pollOnce()).taken).toBe(3);
    expect(await t.count("outbox")).toBe(outboxBefore);
    expect(await t.outbox.drain()).toEqual({ sent: 0, retried: 0, failed: 0, undeliverable: 0 });
  });

  it("never makes two requests from the same mail, fetched twice or re-read after a lost cursor", async () => {
    const before = await t.count("requests");
    const raw = mail({
      from: "binh@example.vn",
      subject: "Hỏi thủ tục",
      id: "<dup@example.vn>",
      body: "Xin hỏi thủ tục cấp phép xây dựng.",
    });
    await deliver(raw);
    await deliver(raw); // the same message twice in the mailbox (a redelivery)
    await poller.pollOnce();
    expect(await t.count("requests")).toBe(before + 1);
    // A crash before the cursor was saved: everything is read again.
    await t.ctx.db.execute(sql`update mail_cursors set last_uid = 0`);
    await poller.pollOnce();
    expect(await t.count("requests")).toBe(before + 1);
    expect(byCitizen("binh@example.vn")).toHaveLength(0);
    await t.outbox.drain();
    expect(byCitizen("binh@example.vn")).toHaveLength(1);
  });

  it("re-scans when UIDVALIDITY changes and still takes each mail once", async () => {
    const [cursor] = await execRaw<{ uid_validity: string }>(
      t.ctx.db,
      sql`select uid_validity from mail_cursors`,
    );
    const before = await t.count("requests");
    await poller.stop(); // the mailbox is recreated under the poller's feet
    await mailbox.citizen.mailboxDelete(MAILBOX);
    await mailbox.citizen.mailboxCreate(MAILBOX);
    await deliver(
      mail({
        from: "binh@example.vn",
        subject: "Hỏi thủ tục",
        id: "<dup@example.vn>",
        body: "Xin hỏi thủ tục cấp phép xây dựng.",
      }),
    );
    await deliver(
      mail({
        from: "chi@example.vn",
        subject: "Ngập úng",
        id: "<new-after-reset@example.vn>",
        body: "Ngập ở ngõ 5.",
      }),
    );
    await poller.pollOnce();
    expect(await t.count("requests")).toBe(before + 1);
    const [after] = await execRaw<{ uid_validity: string; last_uid: number }>(
      t.ctx.db,
      sql`select uid_validity, last_uid from mail_cursors`,
    );
    expect(after?.uid_validity).not.toBe(cursor?.uid_validity);
    expect(Number(after?.last_uid)).toBe(2);
  });

  it("picks up new mail through IDLE without waiting for the fallback poll", async () => {
    const before = await t.count("requests");
    await poller.start();
    await vi.waitFor(
      async () =>
        expect((await execRaw(t.ctx.db, sql`select 1 from mail_cursors`)).length).toBeGreaterThan(0),
      { timeout: 15_000 },
    );
    await deliver(
      mail({
        from: "dung@example.vn",
        subject: "Cây đổ",
        id: "<idle@example.vn>",
        body: "Cây đổ chắn đường.",
      }),
    );
    await vi.waitFor(async () => expect(await t.count("requests")).toBe(before + 1), {
      timeout: 15_000,
    });
    await poller.stop();
  });

  it("keeps a message when the SMTP server refuses it for now, and sends it later", async () => {
    await t.outbox.drain();
    await deliver(
      mail({
        from: "em@example.vn",
        subject: "Hỏi giờ làm việc",
        id: "<smtp-fail@example.vn>",
        body: "Giờ làm việc?",
      }),
    );
    await poller.pollOnce();
    smtp.state.fail = true;
    expect((await t.outbox.runOnce()).retried).toBe(1);
    smtp.state.fail = false;
    t.clock.advance(120_000);
    expect((await t.outbox.drain()).sent).toBe(1);
    expect(byCitizen("em@example.vn")).toHaveLength(1);
  });
});
