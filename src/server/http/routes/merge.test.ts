import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { duplicateResponse } from "../../../shared/schemas/duplicates.js";
import { publicRequestView, type RequestDetail } from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRaw } from "../../db/client.js";

/**
 * Issue 19: duplicates merged into the request they repeat. Three requests on three channels join
 * one; its progress, answer and publication reach each requester once, on their own channel, and
 * on the follow page of their own code.
 */
describe("merging duplicates (issue 19)", () => {
  const s = useStaffApp({
    users: ["operator", "focal", "coordinator"],
    eachTestAt: "2026-03-10T09:00:00+07:00",
  });
  const field = "y-te-xet-nghiem-tiem-phong";

  const outboxOf = (requestId: string) =>
    execRaw<{ channel: string; recipient: string; kind: string; body: string }>(
      s.t.ctx.db,
      sql`select channel, recipient, kind, body from outbox where request_id = ${requestId} order by id`,
    );
  const obligationsOf = (requestId: string) =>
    execRaw<{ kind: string; met_at: Date | null; waived_at: Date | null; waive_reason: string | null }>(
      s.t.ctx.db,
      sql`select kind, met_at, waived_at, waive_reason from obligations where request_id = ${requestId} order by created_at`,
    );

  async function submit(payload: Record<string, unknown>): Promise<string> {
    const res = await s.t.app.inject({ method: "POST", url: "/api/v1/public/requests", payload });
    expect(res.statusCode).toBe(201);
    return res.json().code;
  }
  async function byCode(code: string): Promise<RequestDetail> {
    const list = await s.operator.inject({ url: `/api/v1/requests?q=${code}` });
    const id = (list.json().items as { id: string; code: string }[]).find((i) => i.code === code)?.id;
    if (!id) throw new Error(`no ${code}`);
    return s.drive.get(s.operator, id);
  }
  const follow = async (code: string, key: string) =>
    json(await s.t.app.inject({ url: `/api/v1/public/requests/${code}?${key}` }), publicRequestView);

  it("three requests on three channels merged into one receive its answer once each, on their own channel and follow page", async () => {
    // The request that stays: a citizen on the portal with an email.
    const main = await byCode(
      await submit({
        fullName: "Trần Văn Bình",
        phone: "0913 000 111",
        address: "Thôn 3, xã Quảng Phú",
        email: "binh@example.vn",
        content: "Cho hỏi lịch tiêm vắc xin sởi cho trẻ dưới 5 tuổi đợt tháng này ở trạm y tế xã?",
        field,
      }),
    );
    // A phone caller (mobile, no email → SMS), forwarded before anyone saw it was the same question.
    let phone = await s.drive.create(s.operator, {
      requester: { fullName: "Lê Thị Hoa", phone: "0912 345 678", address: "Xóm 2, xã Quảng Phú" },
      content: "Em muốn hỏi bao giờ tiêm sởi cho bé dưới 5 tuổi ở trạm y tế xã ạ",
      field,
    });
    phone = await s.drive.actOk(s.operator, phone, "forward", { agencyId: s.syt, transferAttempt: "failed" });
    // An email to the hotline.
    const mail = await s.drive.create(s.operator, {
      channel: "email",
      requester: { fullName: "Phạm Minh", email: "minh@example.vn" },
      content: "Xin hỏi lịch tiêm vac xin soi cho tre duoi 5 tuoi thang nay o tram y te xa",
      field,
    });
    // A portal requester without email: follows the portal only.
    const quiet = await byCode(
      await submit({
        fullName: "Đỗ Thu",
        phone: "0987 654 321",
        address: "Thôn 1, xã Quảng Phú",
        content: "Hỏi lịch tiêm sởi trẻ dưới 5 tuổi tháng này tại trạm y tế xã",
        field,
      }),
    );

    // The desk's suggestion while typing finds the open request (and the others), best first.
    const typed = json(
      await s.operator.inject({
        url: `/api/v1/requests/duplicates?fieldCode=${field}&content=${encodeURIComponent("lịch tiêm sởi cho trẻ dưới 5 tuổi ở trạm y tế xã")}`,
      }),
      duplicateResponse,
    );
    expect(typed.items.map((i) => i.id)).toEqual(
      expect.arrayContaining([main.id, phone.id, mail.id, quiet.id]),
    );
    expect(typed.items.every((i) => i.score >= typed.threshold && i.score <= 1)).toBe(true);
    // Per request: the others, never itself; another field finds nothing.
    const perRequest = json(
      await s.coordinator.inject({ url: `/api/v1/requests/${mail.id}/duplicates` }),
      duplicateResponse,
    );
    expect(perRequest.items.map((i) => i.id)).not.toContain(mail.id);
    expect(perRequest.items.map((i) => i.id)).toContain(main.id);
    const otherField = json(
      await s.operator.inject({
        url: `/api/v1/requests/duplicates?fieldCode=giao-thong-thuong-mai-an-ninh&content=${encodeURIComponent("lịch tiêm sởi cho trẻ dưới 5 tuổi")}`,
      }),
      duplicateResponse,
    );
    expect(otherField.items).toEqual([]);

    // Three merges.
    const mergedPhone = await s.drive.actOk(s.operator, phone, "merge", { intoId: main.id });
    expect(mergedPhone.status).toBe("merged");
    expect(mergedPhone.mergedInto).toMatchObject({ id: main.id, code: main.code });
    expect(mergedPhone.events.at(-1)).toMatchObject({
      kind: "merge",
      fromStatus: "forwarded",
      toStatus: "merged",
    });
    await s.drive.actOk(s.coordinator, mail, "merge", { intoId: main.id });
    await s.drive.actOk(s.operator, quiet, "merge", { intoId: main.id });
    expect((await s.drive.get(s.operator, main.id)).joinedCount).toBe(3);
    // The forwarded one's clock stopped: its answer obligation (still in time) waived as "merged".
    expect(await obligationsOf(phone.id)).toEqual([
      expect.objectContaining({ kind: "answer", met_at: null, waive_reason: "merged" }),
    ]);
    // The slip went back with the reason; the request keeps its requester and channel.
    const afterMerge = await s.drive.get(s.operator, phone.id);
    expect(afterMerge.channel).toBe("phone");
    expect(afterMerge.requester.phone).toContain("0912");
    expect(afterMerge.slips[0]).toMatchObject({ status: "returned", closedAt: expect.any(String) });
    expect(afterMerge.allowedActions).toEqual([]);

    // The request that stays is forwarded, answered and published by the agency.
    s.t.clock.set("2026-03-10T09:20:00+07:00");
    let m = await s.drive.get(s.operator, main.id);
    m = await s.drive.actOk(s.operator, m, "forward", { agencyId: s.syt });
    m = await s.drive.actOk(s.focal, m, "mark-verifying", { note: "Cần xác minh lịch với trạm y tế" });
    m = await s.drive.actOk(s.focal, m, "record-answer", {
      answer: "Trạm y tế xã tiêm vắc xin sởi cho trẻ dưới 5 tuổi vào ngày 20 hằng tháng, từ 7 giờ 30.",
    });
    m = await s.drive.actOk(s.focal, m, "publish", {});
    expect(m.status).toBe("published");

    const answers = <R extends { kind: string }>(rows: R[] | undefined) =>
      (rows ?? []).filter((r) => r.kind === "answer_published");
    const [mainOut, phoneOut, mailOut, quietOut] = await Promise.all(
      [main.id, phone.id, mail.id, quiet.id].map(outboxOf),
    );
    // Once each, on each requester's own channel, naming their own code.
    expect(answers(mainOut)).toEqual([
      expect.objectContaining({ channel: "email", recipient: "binh@example.vn" }),
    ]);
    expect(answers(phoneOut)).toEqual([
      expect.objectContaining({ channel: "sms", recipient: "+84912345678" }),
    ]);
    expect(answers(mailOut)).toEqual([
      expect.objectContaining({ channel: "email", recipient: "minh@example.vn" }),
    ]);
    expect(answers(quietOut)).toEqual([]);
    expect(answers(phoneOut)[0]?.body).toContain(phone.code);
    expect(answers(phoneOut)[0]?.body).not.toContain(main.code);
    expect(answers(mailOut)[0]?.body).toContain("ngày 20 hằng tháng");
    // The verification notice reached them too (a progress update of the joined request).
    expect(phoneOut?.filter((r) => r.kind === "verifying")).toHaveLength(1);
    expect(mailOut?.filter((r) => r.kind === "verifying")).toHaveLength(1);

    // The follow page of each code shows the shared answer, and never the other request's code.
    for (const [code, key] of [
      [phone.code, "phone=0912345678"],
      [mail.code, "email=minh@example.vn"],
      [quiet.code, "phone=0987654321"],
    ] as const) {
      const view = await follow(code, key);
      expect(view).toMatchObject({
        code,
        status: "merged",
        merged: true,
        statusText: "Đã có kết quả trả lời",
      });
      expect(view.answer?.text).toContain("ngày 20 hằng tháng");
      expect(JSON.stringify(view)).not.toContain(main.code);
      expect(view.history.map((h) => h.text).join("\n")).toMatch(/được gộp để trả lời chung/);
    }
    const page = await s.t.app.inject({
      method: "POST",
      url: "/tra-cuu",
      payload: { ma: quiet.code, sdt: "0987654321" },
    });
    expect(page.body).toContain("ngày 20 hằng tháng");
  });

  it("refuses a merge into itself, into a merged or closed request, a chain, and a stale version, with stable codes", async () => {
    const a = await s.drive.create(s.operator, { content: "Hỏi về hỗ trợ hộ nghèo năm nay" });
    const b = await s.drive.create(s.operator, { content: "Hỏi về hỗ trợ hộ nghèo năm nay ở xã" });
    const c = await s.drive.create(s.operator, { content: "Hỗ trợ hộ nghèo năm nay thế nào" });
    const codeOf = (res: Awaited<ReturnType<typeof s.drive.act>>) => {
      const e = error(res, 409);
      return e.code === "INVALID_TRANSITION" ? e.details?.[0]?.code : e.code;
    };
    expect(codeOf(await s.drive.act(s.operator, a, "merge", { intoId: a.id }))).toBe("merge_into_self");
    await s.drive.actOk(s.operator, b, "merge", { intoId: a.id });
    // Into a merged request: merge into the one it joined instead.
    expect(codeOf(await s.drive.act(s.operator, c, "merge", { intoId: b.id }))).toBe("merge_target_merged");
    // A request others joined is not merged itself (a chain).
    expect(codeOf(await s.drive.act(s.operator, a, "merge", { intoId: c.id }))).toBe("merge_chain");
    // Stale version.
    expect(
      codeOf(await s.drive.act(s.operator, { id: c.id, version: c.version + 5 }, "merge", { intoId: a.id })),
    ).toBe("CONFLICT");
    // Into a refused (then closed) request.
    let closed = await s.drive.create(s.operator, { content: "Hỏi về hỗ trợ hộ nghèo" });
    closed = await s.drive.actOk(s.operator, closed, "refuse", { reason: "ngoai-pham-vi" });
    expect(codeOf(await s.drive.act(s.operator, c, "merge", { intoId: closed.id }))).toBe(
      "merge_target_closed",
    );
    // An unknown target is a validation error, not a 500; a merged request cannot be merged again.
    const unknown = await s.drive.act(s.operator, c, "merge", {
      intoId: "00000000-0000-4000-8000-000000000000",
    });
    expect(error(unknown, 400).details?.[0]?.code).toBe("unknown_request");
    const again = await s.drive.get(s.operator, b.id);
    expect(error(await s.drive.act(s.operator, again, "merge", { intoId: c.id }), 409).code).toBe(
      "INVALID_TRANSITION",
    );
    // Nothing was half-written: c is untouched.
    const cAfter = await s.drive.get(s.operator, c.id);
    expect({ status: cAfter.status, version: cAfter.version }).toEqual({
      status: "received",
      version: c.version,
    });
    // Permissions: an agency's focal point may not merge (nor ask for suggestions).
    expect((await s.focal.inject({ url: "/api/v1/requests/duplicates?content=ho%20ngheo" })).statusCode).toBe(
      403,
    );
  });

  it("a late obligation stays late: merging meets it late instead of waiving it", async () => {
    s.t.clock.set("2026-03-16T08:00:00+07:00");
    await s.signIn("operator");
    const target = await s.drive.create(s.operator, {
      content: "Đường ngập nước trước chợ, xin hỏi khi nào thông",
    });
    let late = await s.drive.create(s.operator, { content: "Đường trước chợ bị ngập, bao giờ xử lý" });
    late = await s.drive.actOk(s.operator, late, "forward", { agencyId: s.syt, transferAttempt: "failed" });
    s.t.clock.set("2026-03-18T08:00:00+07:00"); // two working days later: the 8 working hours have passed
    await s.signIn("operator");
    await s.drive.actOk(s.operator, await s.drive.get(s.operator, late.id), "merge", { intoId: target.id });
    const [answer] = await obligationsOf(late.id);
    expect(answer).toMatchObject({ kind: "answer", waived_at: null, waive_reason: null });
    expect(answer?.met_at).not.toBeNull();
  });
});
