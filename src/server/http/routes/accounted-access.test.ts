import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accessLogPage, revealedContact } from "../../../shared/schemas/access-log.js";
import { auditPage } from "../../../shared/schemas/admin.js";
import { requestDetail, requestListResponse } from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import { multipart, sampleFiles } from "../../../test/multipart.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRaw, execRawOne } from "../../db/client.js";

/**
 * Issue 13 "agencies see what the work needs" and issue 14 "least privilege and accounted access":
 * agencies read masked contacts until an audited reveal; every read of personal data, attachment
 * download and reveal is in the access log with who, when, what and from where; the administrator
 * reads no request.
 */
describe("accounted access to requests' personal data", () => {
  const s = useStaffApp({ otherFocal: true });
  let requestId: string;
  let attachmentId: string;

  const citizen = {
    fullName: "Trần Văn Bình",
    phone: "0987 654 321",
    email: "binh.tran@example.vn",
    address: "Số 12 ngõ 4 Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa",
    content: "Tôi muốn hỏi thủ tục nhận hỗ trợ cho người lao động bị ảnh hưởng bởi dịch ở phường.",
  };
  const fromDesk = { "user-agent": "Mozilla/5.0 (kiểm thử) Chromium", "x-forwarded-for": "203.0.113.7" };

  type AccessEntry = {
    actor_id: string;
    action: string;
    request_id: string | null;
    target: string | null;
    ip: string | null;
    user_agent: string | null;
    at: string;
    details: Record<string, unknown>;
  };
  const accessOf = (action: string) =>
    execRaw<AccessEntry>(
      s.t.ctx.db,
      sql`select actor_id, action, request_id, target, ip, user_agent, at::text as at, details
          from access_log where action = ${action} order by id`,
    );

  beforeAll(async () => {
    // A citizen submits with a photo; the operator forwards it to the Department of Health.
    const res = await s.t.app.inject({
      method: "POST",
      url: "/api/v1/public/requests",
      ...multipart(citizen, [
        { filename: "giay-to.png", contentType: "image/png", content: sampleFiles.png },
      ]),
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await execRawOne<{ id: string }>(
      s.t.ctx.db,
      sql`select id from requests where code = ${res.json<{ code: string }>().code}`,
    );
    requestId = row?.id ?? "";
    const d = await s.drive.get(s.operator, requestId);
    attachmentId = d.attachments[0]?.id ?? "";
    await s.drive.actOk(s.operator, d, "forward", {
      agencyId: await s.drive.agencyId("SYT"),
      transferAttempt: "connected",
    });
  });

  it("an agency sees phone, email and address masked on its list, board and request detail", async () => {
    const list = json(await s.focal.inject({ url: "/api/v1/requests" }), requestListResponse);
    const item = list.items.find((i) => i.id === requestId);
    expect(item?.requesterPhone).toBe("09xx xxx 321");
    expect(item?.requesterName).toBe(citizen.fullName);

    for (const agency of [s.focal, s.leader]) {
      const d = json(await agency.inject({ url: `/api/v1/requests/${requestId}` }), requestDetail);
      expect(d.requester).toMatchObject({
        fullName: citizen.fullName,
        phone: "09xx xxx 321",
        email: "b***@example.vn",
        address: "phường Hạc Thành, tỉnh Thanh Hóa",
        contactMasked: true,
      });
      expect(d.requesterPhone).toBe("09xx xxx 321");
      // Nowhere in the answer, not even in the history.
      for (const secret of ["0987654321", "654 321", "binh.tran@", "ngõ 4"])
        expect(JSON.stringify(d)).not.toContain(secret);
    }
    const board = await s.leader.inject({ url: "/api/v1/monitor/board" });
    expect(board.statusCode).toBe(200);
    expect(board.body).not.toContain("0987654321");
  });

  it("the desk and the coordinator see contacts as given; their reads are recorded too", async () => {
    for (const staff of [s.operator, s.coordinator]) {
      const d = json(await staff.inject({ url: `/api/v1/requests/${requestId}` }), requestDetail);
      expect(d.requester).toMatchObject({
        phone: "0987654321",
        email: citizen.email,
        address: citizen.address,
        contactMasked: false,
      });
    }
  });

  it("a list or board read showing contacts unmasked is recorded once, naming the requests listed; a masked one is not", async () => {
    const before = (await accessOf("request_list")).length;
    const list = json(
      await s.operator.inject({ url: "/api/v1/requests?pageSize=5", headers: fromDesk }),
      requestListResponse,
    );
    expect(list.items.map((i) => i.id)).toContain(requestId);
    const after = await accessOf("request_list");
    expect(after).toHaveLength(before + 1);
    const entry = after.at(-1);
    expect(entry).toMatchObject({
      actor_id: s.operator.me.user.id,
      request_id: null,
      ip: "203.0.113.7",
      user_agent: fromDesk["user-agent"],
      details: {
        endpoint: "GET /api/v1/requests",
        filters: { pageSize: 5, page: 1 },
        requestIds: list.items.map((i) => i.id),
      },
    });
    // The agency's list and board show contacts masked: no entry (its detail reads are logged).
    await s.focal.inject({ url: "/api/v1/requests" });
    await s.leader.inject({ url: "/api/v1/monitor/board" });
    expect(await accessOf("request_list")).toHaveLength(before + 1);
    // The coordinator's board lists the urgent and unclear requests with their contacts: one entry.
    await execRaw(s.t.ctx.db, sql`update requests set urgency = 'urgent' where id = ${requestId}`);
    const board = await s.coordinator.inject({ url: "/api/v1/monitor/board" });
    expect(board.statusCode).toBe(200);
    const boardEntry = (await accessOf("request_list")).at(-1);
    expect(boardEntry).toMatchObject({
      actor_id: s.coordinator.me.user.id,
      details: { endpoint: "GET /api/v1/monitor/board" },
    });
    expect(boardEntry?.details.requestIds).toContain(requestId);
    // And the access log shows them.
    const page = json(
      await s.coordinator.inject({ url: "/api/v1/admin/access-log?action=request_list" }),
      accessLogPage,
    );
    expect(page.items.map((i) => i.details.endpoint)).toEqual([
      "GET /api/v1/monitor/board",
      "GET /api/v1/requests",
    ]);
  });

  it("the reveal shows one request's contacts to its agency and records who, when, which and from where", async () => {
    const before = (await accessOf("contact_reveal")).length;
    const res = await s.focal.inject({
      method: "POST",
      url: `/api/v1/requests/${requestId}/contact-reveal`,
      headers: fromDesk,
    });
    expect(json(res, revealedContact)).toEqual({
      fullName: citizen.fullName,
      phone: "0987654321",
      email: citizen.email,
      address: citizen.address,
    });
    const entries = await accessOf("contact_reveal");
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({
      actor_id: s.focal.me.user.id,
      request_id: requestId,
      user_agent: fromDesk["user-agent"],
    });
    expect(entries.at(-1)?.ip).toMatch(/^(127\.0\.0\.1|203\.0\.113\.7)$/);
    expect(entries.at(-1)?.at).toContain("2026-03-02");
  });

  it("refuses the reveal to another agency (as not found), to the desk and to the administrator", async () => {
    const before = (await accessOf("contact_reveal")).length;
    const url = `/api/v1/requests/${requestId}/contact-reveal`;
    expect(error(await s.otherFocal.inject({ method: "POST", url }), 404).code).toBe("NOT_FOUND");
    expect(error(await s.operator.inject({ method: "POST", url }), 403).code).toBe("FORBIDDEN");
    expect(error(await s.admin.inject({ method: "POST", url }), 403).code).toBe("FORBIDDEN");
    expect(await accessOf("contact_reveal")).toHaveLength(before);
  });

  it("records every detail read and attachment download with who, what and from where", async () => {
    const reads = await accessOf("request_read");
    // The operator's read before forwarding, the agencies', the desk's and the coordinator's.
    expect(reads.map((r) => r.actor_id)).toEqual(
      expect.arrayContaining([
        s.operator.me.user.id,
        s.focal.me.user.id,
        s.leader.me.user.id,
        s.coordinator.me.user.id,
      ]),
    );
    expect(reads.filter((r) => r.actor_id === s.focal.me.user.id)[0]).toMatchObject({
      request_id: requestId,
      details: { contacts: "masked" },
      ip: "127.0.0.1",
    });
    expect(reads.filter((r) => r.actor_id === s.coordinator.me.user.id)[0]?.details).toEqual({
      contacts: "shown",
    });

    const file = await s.focal.inject({
      url: `/api/v1/requests/${requestId}/attachments/${attachmentId}`,
      headers: fromDesk,
    });
    expect(file.statusCode).toBe(200);
    const downloads = await accessOf("attachment_download");
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatchObject({
      actor_id: s.focal.me.user.id,
      request_id: requestId,
      target: attachmentId,
      user_agent: fromDesk["user-agent"],
      details: { filename: "giay-to.png" },
    });
    // A refused download is not served and not recorded as one.
    const refused = await s.otherFocal.inject({
      url: `/api/v1/requests/${requestId}/attachments/${attachmentId}`,
    });
    expect(refused.statusCode).toBe(404);
    expect(await accessOf("attachment_download")).toHaveLength(1);
  });

  it("records the desk's requester lookup with the phone masked", async () => {
    const res = await s.operator.inject({ url: "/api/v1/requesters/lookup?phone=0987654321" });
    expect(res.statusCode).toBe(200);
    const [entry] = await accessOf("requester_lookup");
    expect(entry).toMatchObject({
      actor_id: s.operator.me.user.id,
      target: "09xx xxx 321",
      details: { found: true },
    });
  });

  it("the administrator manages the system but reads no request, requester, board or extract", async () => {
    const refused = [
      { url: "/api/v1/requests" },
      { url: `/api/v1/requests/${requestId}` },
      { url: `/api/v1/requests/${requestId}/attachments/${attachmentId}` },
      { url: "/api/v1/requesters/lookup?phone=0987654321" },
      { url: "/api/v1/monitor/board" },
      { url: "/api/v1/reports/extract.csv?from=2026-03-01&to=2026-03-31" },
      { method: "POST" as const, url: "/api/v1/requests", payload: { channel: "phone", content: "x" } },
    ];
    for (const r of refused) {
      const res = await s.admin.inject(r);
      expect([403, 404], `${r.url} → ${res.statusCode}`).toContain(res.statusCode);
      expect(res.body).not.toContain("0987654321");
    }
    expect(s.admin.me.abilities).not.toContain("request.read");
    expect(s.admin.me.abilities).toContain("user.manage");
    // The audit trail still says who changed a request, but not what the request said.
    const auditUrl = `/api/v1/admin/audit?entity=request&entityId=${requestId}`;
    const audit = json(await s.admin.inject({ url: auditUrl }), auditPage);
    expect(audit.items.map((i) => [i.kind, i.actorLabel, i.data])).toContainEqual([
      "forward",
      s.operator.me.user.fullName,
      {},
    ]);
    // The coordinator, who reads requests, sees what was done in full.
    const full = json(await s.coordinator.inject({ url: auditUrl }), auditPage);
    expect(full.items.find((i) => i.kind === "forward")?.data).not.toEqual({});
  });

  it("coordinator and administrator query the access log by request, actor and action, paginated", async () => {
    const byRequest = json(
      await s.admin.inject({ url: `/api/v1/admin/access-log?requestId=${requestId}&pageSize=2` }),
      accessLogPage,
    );
    expect(byRequest.items).toHaveLength(2);
    expect(byRequest.total).toBeGreaterThanOrEqual(7);
    expect(byRequest.items.every((i) => i.requestId === requestId)).toBe(true);
    const reveals = json(
      await s.coordinator.inject({
        url: `/api/v1/admin/access-log?actorId=${s.focal.me.user.id}&action=contact_reveal`,
      }),
      accessLogPage,
    );
    expect(reveals.items).toHaveLength(1);
    expect(reveals.items[0]).toMatchObject({
      actorLabel: s.focal.me.user.fullName,
      actorRole: "focal_point",
      action: "contact_reveal",
      requestId,
      userAgent: fromDesk["user-agent"],
    });
    const page2 = json(
      await s.admin.inject({ url: `/api/v1/admin/access-log?requestId=${requestId}&pageSize=2&page=2` }),
      accessLogPage,
    );
    expect(page2.items[0]?.id).toBeLessThan(byRequest.items[1]?.id ?? 0);
    // Agencies and the desk do not read who else looked.
    expect((await s.focal.inject({ url: "/api/v1/admin/access-log" })).statusCode).toBe(403);
    expect((await s.operator.inject({ url: "/api/v1/admin/access-log" })).statusCode).toBe(403);
    expect(error(await s.admin.inject({ url: "/api/v1/admin/access-log?action=peek" }), 400).code).toBe(
      "VALIDATION",
    );
  });

  it("the access log cannot be edited or deleted through SQL", async () => {
    await expect(s.t.ctx.db.execute(sql`update access_log set ip = '10.0.0.1'`)).rejects.toThrow();
    await expect(s.t.ctx.db.execute(sql`delete from access_log`)).rejects.toThrow();
  });
});
