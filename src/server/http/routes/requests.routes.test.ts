import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  boardResponse,
  publicRequestView,
  publishedAnswersPage,
  requestDetail,
  requesterLookupResponse,
  requestListResponse,
} from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import { createStaffUser } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRawOne } from "../../db/client.js";

/**
 * One app for the file, but no test depends on another: each starts on Monday 2 March 2026 at 09:00
 * with fresh sessions, works on requests it creates itself, and asserts only about those.
 */
describe("request lifecycle through HTTP (Art. 9–12)", () => {
  const s = useStaffApp({
    users: ["operator", "focal", "coordinator"],
    otherFocal: true,
    eachTestAt: "2026-03-02T09:00:00+07:00" /* Monday */,
  });

  it("records an intake with Art. 7 completeness hints (R-IN1, R-IN3)", async () => {
    const r = await s.drive.create(s.operator, {
      requester: { phone: "+84 912 000 111" },
      content: "hello",
      field: undefined,
    });
    expect(r.status).toBe("received");
    expect(r.code).toMatch(/^\d{4}-[0-9A-Z]{6}$/);
    expect(r.completeness).toEqual(
      expect.arrayContaining([
        "missing_name",
        "missing_address",
        "not_vietnamese",
        "content_too_short",
        "missing_field",
      ]),
    );
    expect(r.requester.phone).toBe("0912000111");
    expect(r.events[0]).toMatchObject({ kind: "received", toStatus: "received" });
    expect(r.allowedActions).toEqual(
      expect.arrayContaining(["answer_from_kb", "refuse", "forward", "escalate"]),
    );
  });

  it("forwards with a slip due in 8 working hours; a failed transfer tells the requester to follow the portal (Art. 10.1–10.2)", async () => {
    const r = await s.drive.create(s.operator);
    const fwd = await s.drive.actOk(s.operator, r, "forward", { agencyId: s.syt, transferAttempt: "failed" });
    expect(fwd.status).toBe("forwarded");
    expect(fwd.agencyId).toBe(s.syt);
    expect(fwd.slips).toHaveLength(1);
    expect(fwd.slips[0]).toMatchObject({
      transferAttempt: "failed",
      status: "open",
      dueAt: "2026-03-03T09:00:00+07:00",
      dueState: "ok",
    });
    expect(fwd.events.at(-1)?.publicNote).toContain("Cổng thông tin");
  });

  it("walks forwarded → verifying → progress → answered → published → closed, visible to the requester", async () => {
    const r = await s.drive.create(s.operator);
    let d = await s.drive.actOk(s.operator, r, "forward", { agencyId: s.syt, transferAttempt: "connected" });
    d = await s.drive.actOk(s.focal, d, "mark-verifying", { note: "Cần kiểm tra danh sách tiêm chủng" });
    expect(d.status).toBe("verifying");
    await s.at("2026-03-03T10:00:00+07:00"); // past the 8-hour deadline
    const late = await s.drive.get(s.focal, d.id);
    expect(late.slips[0]?.dueState).toBe("late");
    expect(late.slips[0]?.workingHoursLeft).toBe(-1);
    d = await s.drive.actOk(s.focal, d, "post-progress", {
      note: "Đang chờ kết quả từ trạm y tế.",
      appointmentAt: "2026-03-04T10:00:00+07:00",
    });
    expect(d.status).toBe("verifying");
    expect(d.progress).toHaveLength(1);
    // Art. 10.3: a progress update is an extra duty after the 8 hours, not an extension — the slip stays late.
    expect(d.slips[0]?.dueState).toBe("late");
    expect(d.dueState).toBe("late");
    expect(d.obligations.find((o) => o.kind === "answer")?.state).toBe("missed");
    d = await s.drive.actOk(s.focal, d, "record-answer", {
      answer: "Gửi chị Lê Thị Hoa: trẻ em từ 5 đến dưới 12 tuổi được tiêm tại trạm y tế phường vào thứ Bảy.",
    });
    expect(d.status).toBe("answered");
    expect(d.answeringAgency).toBe(d.slips[0]?.agencyName);
    // The recorded answer names the requester: published as it is, it is refused (Art. 12, R-PU1) …
    const leak = await s.drive.act(s.focal, d, "publish");
    expect(error(leak, 400).message).toContain("họ tên");
    // … redacted, it goes out (the question is the requester's, unchanged).
    d = await s.drive.actOk(s.focal, d, "publish", {
      publicAnswer: "Gửi chị […]: trẻ em từ 5 đến dưới 12 tuổi được tiêm tại trạm y tế phường vào thứ Bảy.",
    });
    expect(d.status).toBe("published");

    const pub = await s.t.app.inject({
      method: "GET",
      url: `/api/v1/public/requests/${d.code}?phone=%2B84912345678`,
    });
    const view = json(pub, publicRequestView);
    expect(view.status).toBe("published");
    expect(view.answer?.agency).toBe(d.answeringAgency);
    expect(view.history.map((h) => h.text).join("\n")).toContain("Hẹn trả lời trước 10:00 ngày 04/03/2026");
    for (const secret of ["Lê Thị Hoa", "0912", "Lê Lợi"]) expect(pub.body).not.toContain(secret);

    const answers = await s.t.app.inject({ method: "GET", url: "/api/v1/public/answers?q=vac%20xin" });
    expect(json(answers, publishedAnswersPage).items.map((a) => a.id)).toContain(d.publicId);

    d = await s.drive.actOk(s.operator, d, "close");
    expect(d.status).toBe("closed");
  });

  it("answered by phone: the answer must be recorded within 4 working hours (Art. 10.3)", async () => {
    await s.at("2026-03-06T16:00:00+07:00"); // Friday afternoon
    const fwd = await s.forwarded();
    const d = await s.drive.actOk(s.focal, fwd, "answer-by-phone", {
      summary: "Đã hướng dẫn qua điện thoại",
    });
    expect(d.status).toBe("phone_answered");
    // The slip's next deadline is the record obligation's; the answer obligation was met on time.
    expect(d.slips[0]?.dueAt).toBe("2026-03-09T10:00:00+07:00");
    expect(d.obligations.map((o) => [o.kind, o.state, o.dueAt])).toEqual([
      ["answer", "met_on_time", fwd.slips[0]?.dueAt],
      ["record", "open", "2026-03-09T10:00:00+07:00"],
    ]);
  });

  it("a slip received on a Friday afternoon before a holiday is due after it (R-HA6)", async () => {
    // Fri 24/4/2026; Mon 27/4 is the compensatory day for Hùng Kings (Sun 26/4).
    await s.at("2026-04-24T15:00:00+07:00");
    const d = await s.forwarded();
    expect(d.slips[0]?.dueAt).toBe("2026-04-28T15:00:00+07:00");
  });

  it("unclear jurisdiction goes to the coordinator, who names the agency; the agency may return it (Art. 10.4, R-HA8)", async () => {
    await s.at("2026-03-02T09:00:00+07:00");
    const r = await s.drive.create(s.operator);
    let d = await s.drive.actOk(s.operator, r, "escalate", { note: "Chưa rõ cơ quan nào" });
    expect(d.status).toBe("with_coordinator");
    const board = await s.coordinator.inject({ method: "GET", url: "/api/v1/monitor/board" });
    expect(json(board, boardResponse).unclear.map((x) => x.id)).toContain(d.id);
    d = await s.drive.actOk(s.coordinator, d, "assign-agency", { agencyId: s.syt });
    expect(d.status).toBe("forwarded");
    d = await s.drive.actOk(s.focal, d, "return", { reason: "Không thuộc thẩm quyền Sở Y tế" });
    expect(d.status).toBe("with_coordinator");
    expect(d.slips[0]).toMatchObject({ status: "returned", returnReason: "Không thuộc thẩm quyền Sở Y tế" });
    d = await s.drive.actOk(s.coordinator, d, "refuse", { reason: "ngoai-pham-vi" });
    expect(d.status).toBe("refused");
  });

  it("a focal point of another agency cannot see or act on the slip (R-SE1)", async () => {
    const d = await s.forwarded();
    expect((await s.otherFocal.inject({ method: "GET", url: `/api/v1/requests/${d.id}` })).statusCode).toBe(
      404,
    );
    expect((await s.drive.act(s.otherFocal, d, "mark-verifying", { note: "x" })).statusCode).toBe(404);
    const list = await s.otherFocal.inject({ method: "GET", url: "/api/v1/requests" });
    expect(json(list, requestListResponse).items.map((x) => x.id)).not.toContain(d.id);
    const own = await s.focal.inject({ method: "GET", url: "/api/v1/requests?open=true" });
    expect(json(own, requestListResponse).items.map((x) => x.id)).toContain(d.id);
  });

  it("two focal points acting on one slip at once: one wins, the other gets 409", async () => {
    const second = await (await createStaffUser(s.t, { role: "focal_point", agencyCode: "SYT" })).signIn();
    const d = await s.forwarded();
    const [a, b] = await Promise.all([
      s.drive.act(s.focal, d, "record-answer", { answer: "Trả lời của cán bộ thứ nhất." }),
      s.drive.act(second, d, "mark-verifying", { note: "Cần xác minh thêm" }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const after = await s.drive.get(s.focal, d.id);
    expect(
      after.events.filter((e) => e.kind === "record_answer" || e.kind === "mark_verifying"),
    ).toHaveLength(1);
  });

  it("the operator corrects what the requester said; completeness follows; a published request is no longer edited", async () => {
    const r = await s.drive.create(s.operator, { requester: { phone: "0977000111" }, content: "hello" });
    expect(r.completeness).toContain("missing_name");
    const edited = await s.drive.edit(s.operator, r, {
      requester: { fullName: "Lê Thị Hoa", address: "Số 5 Lê Lợi" },
      content: "Tôi muốn hỏi về lịch tiêm vắc xin cho trẻ em",
    });
    const fixed = json(edited, requestDetail);
    expect(fixed.completeness).toEqual([]);
    expect(fixed.events.at(-1)).toMatchObject({ kind: "edited" });
    const stale = await s.drive.edit(s.operator, r, { urgency: "urgent" });
    expect(error(stale, 409).code).toBe("CONFLICT");

    let d = await s.drive.actOk(s.operator, fixed, "answer-from-kb", {
      answer: "Trẻ được tiêm tại trạm y tế phường.",
    });
    d = await s.drive.actOk(s.operator, d, "publish");
    const late = await s.drive.edit(s.operator, d, { content: "sửa sau khi công khai" });
    expect(error(late, 409).code).toBe("INVALID_TRANSITION");
  });

  // 2 December 2026, adversarial review: a number typed or pasted in fullwidth digits was stored as
  // given, so the requester's own look-up with 0912… never matched and the same person got a
  // second requester row.
  it("a phone number in fullwidth digits is the same number: stored normalised, found by the look-up", async () => {
    const r = await s.drive.create(s.operator, {
      requester: { fullName: "Đỗ Thị Lan", phone: "０９７７ ２２２ ３３３", address: "Số 2 Lê Lai" },
    });
    expect(r.requester.phone).toBe("0977222333");
    const lookup = await s.t.app.inject({
      method: "GET",
      url: `/api/v1/public/requests/${r.code}?phone=0977222333`,
    });
    expect(lookup.statusCode).toBe(200);
  });

  // 2 December 2026, adversarial review: the console's edit dialog saved with nothing changed sends
  // only the version; that bumped the version (a colleague's open edit then failed with 409) and
  // appended an "edited" event with `after: {}` and the whole content copied into `before`.
  it("an edit that changes nothing writes nothing: same version, no event, a stale one still 409", async () => {
    const r = await s.drive.create(s.operator);
    const before = await s.drive.get(s.operator, r.id);
    const same = json(await s.drive.edit(s.operator, before, {}), requestDetail);
    expect(same.version).toBe(before.version);
    expect(same.events).toHaveLength(before.events.length);
    const sameContact = await s.drive.edit(s.operator, before, {
      requester: { fullName: before.requester.fullName ?? undefined },
    });
    expect(json(sameContact, requestDetail).events).toHaveLength(before.events.length);
    // The colleague who opened the dialog at the same version can still save.
    const real = json(await s.drive.edit(s.operator, before, { urgency: "urgent" }), requestDetail);
    expect(real.events.at(-1)).toMatchObject({ kind: "edited" });
    expect(error(await s.drive.edit(s.operator, before, {}), 409).code).toBe("CONFLICT");
  });

  // 4 December 2026: a correction naming a field (lĩnh vực) that does not exist answered a bare 400
  // naming no input, so the console could not point at it; it now answers as intake does.
  it("a correction to an unknown field answers 400 VALIDATION naming the input, as intake does", async () => {
    const before = await s.drive.get(s.operator, (await s.drive.create(s.operator)).id);
    const edit = error(await s.drive.edit(s.operator, before, { field: "khong-co-linh-vuc-nay" }), 400);
    const intake = error(
      await s.operator.inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: { channel: "phone", requester: { phone: "0912345678" }, content: "x", field: "khong-co" },
      }),
      400,
    );
    expect(edit).toEqual(intake);
    expect(edit).toMatchObject({ code: "VALIDATION", details: [{ field: "field", code: "unknown_field" }] });
    expect((await s.drive.get(s.operator, before.id)).version).toBe(before.version);
  });

  // Fourteenth session: the console's dialog sends the whole form; a value submitted as it is stored
  // is not an edit. All of it unchanged writes nothing (no version, no updated_at, no event); one
  // field changed records that field only.
  it("fields submitted unchanged are not edited; the whole form unchanged writes nothing", async () => {
    const r = await s.drive.create(s.operator);
    const before = await s.drive.get(s.operator, r.id);
    const written = () =>
      execRawOne<{ updated_at: string; events: number }>(
        s.t.ctx.db,
        sql`select r.updated_at::text, (select count(*)::int from events e where e.request_id = r.id) as events
            from requests r where r.id = ${r.id}`,
      );
    const stored = await written();
    const form = {
      content: before.content,
      field: before.field,
      urgency: before.urgency,
      requester: {
        fullName: before.requester.fullName ?? undefined,
        phone: before.requester.phone ?? undefined,
      },
    };
    const same = json(await s.drive.edit(s.operator, before, form), requestDetail);
    expect(same.version).toBe(before.version);
    expect(same.events).toHaveLength(before.events.length);
    expect(await written()).toEqual(stored);

    const urgent = json(
      await s.drive.edit(s.operator, before, { ...form, urgency: "urgent" }),
      requestDetail,
    );
    expect(urgent.version).toBe(before.version + 1);
    expect(urgent.events.at(-1)).toMatchObject({ kind: "edited" });
    const edited = await execRawOne<{ data: unknown }>(
      s.t.ctx.db,
      sql`select data from events where request_id = ${r.id} and kind = 'edited'`,
    );
    expect(edited?.data).toEqual({ before: { urgency: before.urgency }, after: { urgency: "urgent" } });
    expect((await written())?.events).toBe((stored?.events ?? 0) + 1);
  });

  it("a stale version answers 409 CONFLICT", async () => {
    const r = await s.drive.create(s.operator);
    await s.drive.actOk(s.operator, r, "escalate", { note: "x" });
    const res = await s.drive.act(s.operator, r, "forward", {
      agencyId: s.syt,
      transferAttempt: "connected",
    });
    expect(error(res, 409).code).toBe("CONFLICT");
  });

  it("lists late and due-soon slips in working time", async () => {
    await s.at("2026-03-09T08:00:00+07:00"); // Monday
    const r = await s.drive.create(s.operator);
    await s.drive.actOk(s.operator, r, "forward", { agencyId: s.syt, transferAttempt: "connected" }); // due Tue 08:00
    await s.at("2026-03-10T07:30:00+07:00");
    const soon = await s.focal.inject({ method: "GET", url: "/api/v1/requests?due=due_soon" });
    expect(json(soon, requestListResponse).items.map((x) => x.id)).toContain(r.id);
    await s.at("2026-03-10T08:30:00+07:00");
    const late = await s.focal.inject({ method: "GET", url: "/api/v1/requests?due=late" });
    const item = json(late, requestListResponse).items.find((x) => x.id === r.id);
    expect(item).toMatchObject({ dueState: "late", workingHoursLeft: -0.5 });
  });

  it("requester lookup by phone shows earlier requests (0xxx and +84xxx are the same person)", async () => {
    // A number no other test uses, written both ways.
    const first = await s.drive.create(s.operator, {
      requester: { fullName: "Trần Văn Nam", phone: "0913 555 010" },
    });
    const second = await s.drive.create(s.operator, {
      requester: { fullName: "Trần Văn Nam", phone: "+84913555010" },
    });
    const res = await s.operator.inject({
      method: "GET",
      url: "/api/v1/requesters/lookup?phone=%2B84913555010",
    });
    const found = json(res, requesterLookupResponse);
    expect(found.requester?.fullName).toBe("Trần Văn Nam");
    expect(found.requests.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
  });
});
