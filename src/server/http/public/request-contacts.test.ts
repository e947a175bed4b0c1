import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  publicRequestView,
  requesterLookupResponse,
  requestListResponse,
} from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRaw } from "../../db/client.js";

/**
 * Issue 13: contact details belong to the request they were given with. Anyone may submit with any
 * phone number, so a submission must never change what staff see of another request nor where its
 * notifications go; staff corrections are recorded with before and after.
 */
describe("contact details belong to the request (issue 13)", () => {
  const s = useStaffApp({ users: ["operator", "focal"], eachTestAt: "2026-03-02T09:00:00+07:00" });
  const submit = (payload: Record<string, unknown>) =>
    s.t.app.inject({ method: "POST", url: "/api/v1/public/requests", payload });

  async function submitOk(payload: Record<string, unknown>): Promise<string> {
    const res = await submit(payload);
    expect(res.statusCode).toBe(201);
    return res.json().code;
  }

  /** The request as staff find it by its code (list, then detail). */
  async function staffView(code: string) {
    const list = json(await s.operator.inject({ url: `/api/v1/requests?q=${code}` }), requestListResponse);
    const item = list.items.find((i) => i.code === code);
    if (!item) throw new Error(`no request ${code}`);
    return { item, detail: await s.drive.get(s.operator, item.id) };
  }

  const outboxOf = (requestId: string) =>
    execRaw<{ channel: string; recipient: string; kind: string }>(
      s.t.ctx.db,
      sql`select channel, recipient, kind from outbox where request_id = ${requestId} order by id`,
    );

  const victim = {
    fullName: "Nguyễn Thị Lan",
    phone: "0912 111 222",
    address: "Số 7 Trần Phú, phường Hạc Thành",
    email: "lan@example.vn",
    content: "Tôi muốn hỏi lịch tiêm phòng vắc xin sởi cho con tại trạm y tế phường.",
    field: "y-te-xet-nghiem-tiem-phong",
  };

  it("the takeover replayed: another submission with the victim's phone changes nothing of the victim's request, and its notifications still go to the victim", async () => {
    const code = await submitOk(victim);
    const before = await staffView(code);
    expect(before.detail.requester).toMatchObject({
      fullName: "Nguyễn Thị Lan",
      address: "Số 7 Trần Phú, phường Hạc Thành",
      email: "lan@example.vn",
    });

    // The attacker knows only the phone number, written another way.
    const attackerCode = await submitOk({
      fullName: "Kẻ Mạo Danh",
      phone: "+84912111222",
      address: "Nơi khác hẳn",
      email: "attacker@evil.example",
      content: "Nội dung bất kỳ để ghi đè thông tin liên hệ của người khác.",
    });

    const after = await staffView(code);
    expect(after.detail.requester).toEqual(before.detail.requester);
    expect(after.item.requesterName).toBe("Nguyễn Thị Lan");
    // The attacker's request carries the attacker's own details, grouped under the same requester.
    const theirs = await staffView(attackerCode);
    expect(theirs.detail.requester).toMatchObject({
      fullName: "Kẻ Mạo Danh",
      email: "attacker@evil.example",
    });
    expect(theirs.detail.requester.id).toBe(before.detail.requester.id);
    // The operator desk still knows the caller as the first details given, unedited by the submission.
    const desk = json(
      await s.operator.inject({ url: "/api/v1/requesters/lookup?phone=0912111222" }),
      requesterLookupResponse,
    );
    expect(desk.requester).toMatchObject({ fullName: "Nguyễn Thị Lan", email: "lan@example.vn" });

    // The next notification of the victim's request ("needs verification") reaches the victim only.
    let d = await s.drive.actOk(s.operator, after.detail, "forward", {
      agencyId: s.syt,
      transferAttempt: "connected",
    });
    d = await s.drive.actOk(s.focal, d, "mark-verifying", { note: "Cần xác minh lịch tiêm tại trạm." });
    const sent = await outboxOf(d.id);
    expect(sent.map((o) => o.kind)).toContain("verifying");
    expect(sent.every((o) => o.recipient === "lan@example.vn")).toBe(true);
    const all = await execRaw<{ n: number }>(
      s.t.ctx.db,
      sql`select count(*)::int as n from outbox where recipient = 'attacker@evil.example' and request_id = ${d.id}`,
    );
    expect(all[0]?.n).toBe(0);
  });

  it("a staff correction changes only that request and is recorded with before and after (staff only)", async () => {
    const phone = "0912 333 444";
    const firstCode = await submitOk({
      ...victim,
      phone,
      email: "hung@example.vn",
      fullName: "Phạm Văn Hùng",
    });
    const secondCode = await submitOk({
      ...victim,
      phone,
      email: "hung@example.vn",
      fullName: "Phạm Văn Hùng",
    });
    const first = (await staffView(firstCode)).detail;
    const second = (await staffView(secondCode)).detail;

    const res = await s.drive.edit(s.operator, second, {
      requester: { fullName: "Phạm Văn Hưng", email: "hung.pv@example.vn" },
    });
    expect(res.statusCode).toBe(200);
    const corrected = await s.drive.get(s.operator, second.id);
    expect(corrected.requester).toMatchObject({ fullName: "Phạm Văn Hưng", email: "hung.pv@example.vn" });
    const event = corrected.events.find((e) => e.kind === "contact_corrected");
    expect(event?.publicNote).toBeNull();
    // Exactly the fields that changed (the phone and address left as they were are not in the record).
    expect(event?.data).toEqual({
      before: { fullName: "Phạm Văn Hùng", email: "hung@example.vn" },
      after: { fullName: "Phạm Văn Hưng", email: "hung.pv@example.vn" },
    });

    // The other request of the same person keeps its own details.
    expect((await s.drive.get(s.operator, first.id)).requester).toEqual(first.requester);

    // The requester's follow page shows no trace of the correction nor of any contact detail.
    const view = json(
      await s.t.app.inject({
        url: `/api/v1/public/requests/${secondCode}?phone=${encodeURIComponent(phone)}`,
      }),
      publicRequestView,
    );
    expect(JSON.stringify(view)).not.toMatch(/Hưng|Hùng|hung/);

    // Later notifications of that request go to the corrected address.
    const d = await s.drive.actOk(s.operator, corrected, "forward", {
      agencyId: s.syt,
      transferAttempt: "failed",
    });
    const sent = await outboxOf(d.id);
    expect(sent.at(-1)).toMatchObject({ recipient: "hung.pv@example.vn" });
  });

  it("follows by code + email: the right email opens it, a wrong email is the same 404 as a wrong code or phone", async () => {
    const code = await submitOk({ ...victim, phone: "0912 555 666", email: "mai@example.vn" });
    const get = (query: string) => s.t.app.inject({ url: `/api/v1/public/requests/${query}` });

    const ok = await get(`${code}?email=${encodeURIComponent(" Mai@Example.VN ")}`);
    expect(json(ok, publicRequestView).code).toBe(code);
    expect(ok.body).not.toContain("mai@example.vn");

    const wrongEmail = await get(`${code}?email=other%40example.vn`);
    const wrongPhone = await get(`${code}?phone=0912555667`);
    const unknownCode = await get("2603-ZZZZZZ?email=mai%40example.vn");
    const emptyEmail = await get(`${code}?email=`);
    for (const res of [wrongEmail, wrongPhone, unknownCode, emptyEmail]) {
      expect(error(res, 404).code).toBe("NOT_FOUND");
      expect(res.body).toBe(unknownCode.body);
    }
    // Exactly one of phone and email.
    expect(error(await get(code), 400).code).toBe("VALIDATION");
    expect(error(await get(`${code}?phone=0912555666&email=mai%40example.vn`), 400).code).toBe("VALIDATION");
    // The phone still works exactly as before.
    expect((await get(`${code}?phone=%2B84912555666`)).statusCode).toBe(200);

    // The portal form takes the phone or the email in one field; wrong ones read the same.
    const form = (sdt: string) =>
      s.t.app.inject({
        method: "POST",
        url: "/tra-cuu",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ ma: code, sdt }).toString(),
      });
    const page = await form("mai@example.vn");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Yêu cầu ${code}`);
    const badEmail = await form("khac@example.vn");
    const badPhone = await form("0900000000");
    expect(badEmail.statusCode).toBe(404);
    expect(badPhone.statusCode).toBe(404);
    expect(badEmail.body).toBe(badPhone.body);
  });

  it("correcting one field of an organisation's request leaves its kind alone", async () => {
    const code = await submitOk({
      ...victim,
      phone: "0912 999 000",
      kind: "organisation",
      fullName: "Công ty TNHH An Phát",
    });
    const r = (await staffView(code)).detail;
    expect(r.requester.kind).toBe("organisation");
    const res = await s.drive.edit(s.operator, r, { requester: { email: "lienhe@anphat.example" } });
    expect(res.statusCode).toBe(200);
    const after = await s.drive.get(s.operator, r.id);
    expect(after.requester).toMatchObject({ kind: "organisation", email: "lienhe@anphat.example" });
    expect(after.events.find((e) => e.kind === "contact_corrected")?.data).toEqual({
      before: { email: "lan@example.vn" },
      after: { email: "lienhe@anphat.example" },
    });
  });

  it("a correction by a focal point (no edit permission) is refused and changes nothing", async () => {
    const code = await submitOk({ ...victim, phone: "0912 777 888" });
    const r = (await staffView(code)).detail;
    const res = await s.drive.edit(s.focal, r, { requester: { email: "x@evil.example" } });
    expect(res.statusCode).toBe(403);
    expect((await s.drive.get(s.operator, r.id)).requester).toEqual(r.requester);
  });
});
