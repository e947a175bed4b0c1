import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { legalHoldView, retentionResponse } from "../../../shared/schemas/data-rights.js";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import { json } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { select } from "../../db/client.js";

/**
 * Retention through HTTP and the daily job against a real database: records past their period are
 * anonymised or deleted, those within it are kept, a legal hold stops it for a request, and each
 * run is recorded with its counts.
 */
describe("retention of personal data", () => {
  const s = useStaffApp({ users: ["operator", "coordinator", "admin"] });

  async function finished(name: string, phone: string, recording?: string): Promise<RequestDetail> {
    const r = await s.drive.create(s.operator, {
      requester: { fullName: name, phone, email: `${phone}@example.vn` },
      content: `Câu hỏi của ${name} về thủ tục đăng ký hộ kinh doanh`,
      ...(recording ? { call: { callId: `call-${phone}`, recordingUrl: recording } } : {}),
    });
    const refused = await s.drive.actOk(s.coordinator, r, "refuse", { reason: "ngoai-pham-vi" });
    return s.drive.actOk(s.coordinator, refused, "close");
  }

  const state = async (id: string) =>
    (
      await select(
        s.t.ctx.db,
        z.object({
          content: z.string(),
          recording_url: z.string().nullable(),
          full_name: z.string().nullable(),
          anonymised: z.boolean(),
        }),
        sql`select r.content, r.recording_url, p.full_name, r.anonymised_at is not null as anonymised
            from requests r join requesters p on p.id = r.requester_id where r.id = ${id}`,
      )
    )[0];

  it("the daily job anonymises what is past its time, keeps what is within it or held, records the run; the hold is audited and released", async () => {
    await s.at("2020-06-01T09:00:00+07:00");
    const old = await finished("Vũ Thị Lan", "0903111222", "https://pbx.example.vn/rec/1.wav");
    const held = await finished("Trịnh Văn Nam", "0903333444", "https://pbx.example.vn/rec/2.wav");
    await s.t.ctx.db.execute(sql`update outbox set status = 'sent', sent_at = created_at`);
    await s.t.ctx.db.execute(sql`update outbox set created_at = ${"2020-06-01T02:00:00Z"}`);
    const oldSessions = (
      await select(s.t.ctx.db, z.object({ n: z.coerce.number() }), sql`select count(*) as n from sessions`)
    )[0]?.n;
    expect(oldSessions).toBeGreaterThan(0);

    await s.at("2026-06-01T09:00:00+07:00");
    const recent = await finished("Đỗ Minh Tuấn", "0903555666", "https://pbx.example.vn/rec/3.wav");

    // The coordinator puts a legal hold on one old request (audited); an admin may not.
    const hold = await s.coordinator.inject({
      method: "PUT",
      url: `/api/v1/requests/${held.id}/legal-hold`,
      payload: { reason: "Thanh tra tỉnh yêu cầu giữ hồ sơ (Công văn 12/TTr)" },
    });
    expect(json(hold, legalHoldView)).toMatchObject({
      code: held.code,
      legalHoldReason: expect.stringContaining("Thanh tra"),
    });
    const read = await s.coordinator.inject({ method: "GET", url: `/api/v1/requests/${held.id}/legal-hold` });
    expect(json(read, legalHoldView).legalHoldAt).toBe("2026-06-01T09:00:00+07:00");
    expect(
      (
        await s.admin.inject({
          method: "PUT",
          url: `/api/v1/requests/${held.id}/legal-hold`,
          payload: { reason: "x" },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await s.coordinator.inject({
          method: "PUT",
          url: `/api/v1/requests/${held.id}/legal-hold`,
          payload: {},
        })
      ).statusCode,
    ).toBe(400);

    // Administrators see and edit the periods (audited); the coordinator may not.
    const settings = json(
      await s.admin.inject({ method: "GET", url: "/api/v1/admin/retention" }),
      retentionResponse,
    );
    expect(settings.settings.find((s) => s.recordType === "requests")?.days).toBe(1825);
    expect((await s.coordinator.inject({ method: "GET", url: "/api/v1/admin/retention" })).statusCode).toBe(
      403,
    );
    const badDays = await s.admin.inject({
      method: "PUT",
      url: "/api/v1/admin/retention",
      payload: { settings: [{ recordType: "requests", days: 0 }] },
    });
    expect(badDays.statusCode).toBe(400);
    const edited = json(
      await s.admin.inject({
        method: "PUT",
        url: "/api/v1/admin/retention",
        payload: { settings: [{ recordType: "recordings", days: 365 }] },
      }),
      retentionResponse,
    );
    expect(edited.settings.find((s) => s.recordType === "recordings")?.days).toBe(365);

    const n = await s.t.services.retention.runDaily();
    expect(n).toBeGreaterThan(0);
    expect(await s.t.services.retention.runDaily()).toBe(0); // once per day

    expect(await state(old.id)).toEqual({
      content: "[Đã xóa dữ liệu cá nhân]",
      recording_url: null,
      full_name: null,
      anonymised: true,
    });
    expect(await state(held.id)).toMatchObject({
      full_name: "Trịnh Văn Nam",
      recording_url: "https://pbx.example.vn/rec/2.wav",
      anonymised: false,
    });
    expect(await state(recent.id)).toMatchObject({
      full_name: "Đỗ Minh Tuấn",
      recording_url: "https://pbx.example.vn/rec/3.wav",
      anonymised: false,
    });
    // Sent messages past a year are gone except the held request's; expired sessions of 2020 too.
    const outbox = await select(
      s.t.ctx.db,
      z.object({ request_id: z.string().nullable() }),
      sql`select request_id from outbox where created_at < '2021-01-01'`,
    );
    expect(outbox.every((o) => o.request_id === held.id)).toBe(true);
    const sessions2020 = await select(
      s.t.ctx.db,
      z.object({ id: z.string() }),
      sql`select id from sessions where expires_at < '2021-01-01'`,
    );
    expect(sessions2020).toEqual([]);

    const runs = json(
      await s.admin.inject({ method: "GET", url: "/api/v1/admin/retention" }),
      retentionResponse,
    ).runs;
    expect(runs[0]?.counts).toMatchObject({
      requests: 1,
      sessions: expect.any(Number),
      outbox: expect.any(Number),
    });
    expect(runs[0]?.counts.sessions).toBeGreaterThan(0);
    const audit = await select(
      s.t.ctx.db,
      z.object({ kind: z.string(), data: z.record(z.string(), z.unknown()) }),
      sql`select kind, data from events where entity in ('retention') or kind like 'legal_hold%' order by id`,
    );
    expect(audit.map((e) => e.kind)).toEqual([
      "legal_hold_set",
      "retention_settings_changed",
      "retention_run",
    ]);
    expect(audit[2]?.data.counts).toMatchObject({ requests: 1, events: expect.any(Number) });
    // The anonymised request's history is erased through the event log's one path, and says so.
    const history = await select(
      s.t.ctx.db,
      z.object({ kind: z.string(), t: z.string(), erased: z.boolean() }),
      sql`select kind, data::text || coalesce(public_note, '') as t, data_erased_at is not null as erased
          from events where request_id = ${old.id} order by id`,
    );
    expect(history.at(-1)).toMatchObject({ kind: "personal_data_erased", erased: false });
    expect(history.at(-1)?.t).toContain(`"erasedEntries": ${history.length - 1}`);
    expect(history.slice(0, -1).every((e) => e.erased)).toBe(true);
    for (const e of history) for (const term of ["Vũ Thị Lan", "0903111222"]) expect(e.t).not.toContain(term);

    // Released: the next run (by an administrator) anonymises it too.
    json(
      await s.coordinator.inject({ method: "DELETE", url: `/api/v1/requests/${held.id}/legal-hold` }),
      legalHoldView,
    );
    expect(
      (await s.coordinator.inject({ method: "DELETE", url: `/api/v1/requests/${held.id}/legal-hold` }))
        .statusCode,
    ).toBe(409);
    const manual = await s.admin.inject({ method: "POST", url: "/api/v1/admin/retention/run" });
    expect(json(manual, z.object({ counts: z.record(z.string(), z.number()) })).counts.requests).toBe(1);
    expect(await state(held.id)).toMatchObject({ full_name: null, recording_url: null, anonymised: true });
  });
});

describe("retention erases the person's words from free text", () => {
  const s = useStaffApp({ users: ["operator", "coordinator"] });

  it("as the data subject's deletion does: the phone also as written (0…), the address whole though it holds the name", async () => {
    await s.at("2019-03-01T09:00:00+07:00");
    const address = "nhà Hà Văn Sơn, thôn Đông, xã Quảng Phú";
    const r = await s.drive.create(s.operator, {
      requester: { fullName: "Hà Văn Sơn", phone: "0904777888", address },
      content: "Hỏi thủ tục cấp lại giấy chứng nhận quyền sử dụng đất",
    });
    const note = await s.operator.inject({
      method: "POST",
      url: `/api/v1/requests/${r.id}/notes`,
      payload: { body: `Đã gọi 0904777888, gặp anh Hà Văn Sơn; hẹn đến ${address}.` },
    });
    expect(note.statusCode).toBe(201);
    const refused = await s.drive.actOk(s.coordinator, r, "refuse", { reason: "ngoai-pham-vi" });
    await s.drive.actOk(s.coordinator, refused, "close");

    await s.at("2026-03-02T09:00:00+07:00");
    await s.t.services.retention.runDaily();
    const [left] = await select(
      s.t.ctx.db,
      z.object({ body: z.string() }),
      sql`select body from request_notes where request_id = ${r.id}`,
    );
    expect(left?.body).toBe(
      "Đã gọi [Đã xóa dữ liệu cá nhân], gặp anh [Đã xóa dữ liệu cá nhân]; hẹn đến [Đã xóa dữ liệu cá nhân].",
    );
  });
});
