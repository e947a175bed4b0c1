import { beforeAll, describe, expect, it } from "vitest";
import { requestDetail } from "../../../shared/schemas/requests.js";
import { json } from "../../../test/http.js";
import { requestDriver } from "../../../test/requests.js";
import { signIn } from "../../../test/staff.js";
import type { LiveEvent } from "../../services/live-bus.js";
import { citizenMail, MAILBOX, useMailApp } from "../testing/mail.js";

const CITIZEN = "binh@example.vn";
const { mailbox, smtp, t, poller } = useMailApp({ seed: "staff" });

const mail = (h: { subject: string; id: string; body: string; extra?: string[] }) =>
  citizenMail({ from: `Trần Văn Bình <${CITIZEN}>`, ...h });

beforeAll(() => {
  t.clock.set("2026-03-02T09:00:00+07:00");
});

describe("asking an email requester (Art. 14.6, real Dovecot and SMTP)", () => {
  it("the question goes out by email in the request's thread; the reply threads back, ends the wait and is pushed live", async () => {
    await mailbox.citizen.append(
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
    await mailbox.citizen.append(
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
