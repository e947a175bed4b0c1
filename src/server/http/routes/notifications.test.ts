import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type NotificationList,
  notificationList,
  notificationsMarked,
} from "../../../shared/schemas/notifications.js";
import { giveFeedback } from "../../../test/citizen.js";
import { error, json } from "../../../test/http.js";
import { createStaffUser, type StaffSession } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRaw } from "../../db/client.js";

/**
 * Issue 19: each staff member's stored notifications (the console's bell) — a mention in an
 * internal note, a cooperating slip sent to one's agency, a request reopened by "not resolved" —
 * listed newest first with the unread count, marked read one by one or all at once, and never
 * readable or markable by anyone else.
 */
describe("staff notifications (the bell)", () => {
  const s = useStaffApp({
    now: new Date("2026-03-10T09:00:00+07:00"),
    users: ["operator", "focal", "coordinator"],
  });
  let snv: StaffSession;
  let snvColleague: StaffSession;
  let stc: StaffSession;
  const agency: Record<string, string> = {};
  const phone = "0912 345 678";

  const mine = async (who: StaffSession, query = ""): Promise<NotificationList> =>
    json(await who.inject({ url: `/api/v1/notifications${query}` }), notificationList);
  const about = (list: NotificationList, requestId: string) =>
    list.items.filter((n) => n.requestId === requestId);

  beforeAll(async () => {
    for (const code of ["SYT", "SNV", "STC"]) agency[code] = await s.drive.agencyId(code);
    snv = await (await createStaffUser(s.t, { role: "focal_point", agencyCode: "SNV" })).signIn();
    snvColleague = await (await createStaffUser(s.t, { role: "focal_point", agencyCode: "SNV" })).signIn();
    stc = await (await createStaffUser(s.t, { role: "focal_point", agencyCode: "STC" })).signIn();
  });

  it("a mention is stored for the one mentioned (not the author), with the code and who, never the text", async () => {
    const f = await s.forwarded();
    const before = (await mine(s.coordinator)).unread;
    // A refused note (unknown mention) notifies nobody: it is one transaction.
    const refused = await s.focal.inject({
      method: "POST",
      url: `/api/v1/requests/${f.id}/notes`,
      payload: { body: "@coordinator và @khong-ai-ca xem giúp" },
    });
    expect(error(refused, 400).code).toBe("VALIDATION");
    expect((await mine(s.coordinator)).unread).toBe(before);

    const secret = "Ghi-chu-bi-mat-19";
    const added = await s.focal.inject({
      method: "POST",
      url: `/api/v1/requests/${f.id}/notes`,
      payload: { body: `@coordinator @focal ${secret}` },
    });
    expect(added.statusCode).toBe(201);
    const list = await mine(s.coordinator);
    expect(list.unread).toBe(before + 1);
    expect(about(list, f.id)).toEqual([
      {
        id: expect.any(String),
        kind: "mention",
        requestId: f.id,
        requestCode: f.code,
        by: s.focal.me.user.fullName,
        at: "2026-03-10T09:00:00+07:00",
        readAt: null,
      },
    ]);
    const raw = await s.coordinator.inject({ url: "/api/v1/notifications" });
    expect(raw.body).not.toContain(secret);
    // The author mentioned themselves: nothing for them.
    expect(about(await mine(s.focal), f.id)).toEqual([]);
  });

  it("a cooperating slip notifies that agency's focal points — at forwarding and when asked later — not the lead", async () => {
    const f = await s.forwarded({}, { cooperatingAgencyIds: [agency.SNV] });
    for (const who of [snv, snvColleague]) {
      expect(about(await mine(who), f.id)).toEqual([
        expect.objectContaining({
          kind: "cooperation_requested",
          by: s.operator.me.user.fullName,
          readAt: null,
        }),
      ]);
    }
    expect(about(await mine(s.focal), f.id)).toEqual([]);
    expect(about(await mine(stc), f.id)).toEqual([]);

    // The lead agency asks Sở Tài chính later: its focal point is told, by the lead's focal point.
    await s.drive.actOk(s.focal, f, "request-cooperation", {
      agencyIds: [agency.STC],
      note: "Cần ý kiến về kinh phí",
    });
    expect(about(await mine(stc), f.id)).toEqual([
      expect.objectContaining({ kind: "cooperation_requested", by: s.focal.me.user.fullName }),
    ]);
    expect(about(await mine(snv), f.id)).toHaveLength(1);
  });

  it("'not resolved' notifies the coordinators, by nobody on staff (the requester did it)", async () => {
    const r = await s.published(
      "Trẻ em dưới 12 tuổi được tiêm tại trạm y tế phường vào sáng thứ Bảy hằng tuần.",
    );
    const res = await giveFeedback(
      s.t.app,
      { code: r.code, phone },
      { resolved: false, rating: 1, comment: "Vẫn chưa rõ ở đâu" },
      "10.19.0.7",
    );
    expect(about(await mine(s.coordinator), r.id)).toEqual([
      expect.objectContaining({ kind: "reopened_not_resolved", requestCode: r.code, by: null }),
    ]);
    expect(res.body).not.toContain("reopened_not_resolved");
    expect(about(await mine(s.focal), r.id)).toEqual([]);
  });

  it("marks one read (only the owner; once) and all read; ?unread=true lists the unread only", async () => {
    const list = await mine(s.coordinator);
    const first = list.items[0];
    if (!first) throw new Error("the coordinator has notifications by now");
    const url = `/api/v1/notifications/${first.id}/read`;
    // Someone else's notification is as unknown as a made-up id; a bad id is 400.
    expect(error(await s.focal.inject({ method: "POST", url }), 404).code).toBe("NOT_FOUND");
    expect(
      error(
        await s.coordinator.inject({
          method: "POST",
          url: `/api/v1/notifications/${crypto.randomUUID()}/read`,
        }),
        404,
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (await s.coordinator.inject({ method: "POST", url: "/api/v1/notifications/x/read" })).statusCode,
    ).toBe(400);
    // Without the CSRF header a write is refused; without a session everything is.
    const noCsrf = await s.t.app.inject({ method: "POST", url, headers: { cookie: s.coordinator.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await s.t.app.inject({ url: "/api/v1/notifications" })).statusCode).toBe(401);
    expect((await mine(s.coordinator)).unread).toBe(list.unread);

    s.t.clock.set("2026-03-10T09:10:00+07:00");
    expect((await s.coordinator.inject({ method: "POST", url })).statusCode).toBe(204);
    s.t.clock.set("2026-03-10T09:20:00+07:00");
    expect((await s.coordinator.inject({ method: "POST", url })).statusCode).toBe(204);
    const after = await mine(s.coordinator);
    expect(after.unread).toBe(list.unread - 1);
    expect(after.items.find((n) => n.id === first.id)?.readAt).toBe("2026-03-10T09:10:00+07:00");
    const unread = await mine(s.coordinator, "?unread=true");
    expect(unread.items.map((n) => n.id)).not.toContain(first.id);
    expect(unread.items.every((n) => n.readAt === null)).toBe(true);
    expect(
      json(await s.coordinator.inject({ url: "/api/v1/notifications?limit=1" }), notificationList).items,
    ).toHaveLength(1);
    expect((await s.coordinator.inject({ url: "/api/v1/notifications?limit=0" })).statusCode).toBe(400);
    expect((await s.coordinator.inject({ url: "/api/v1/notifications?unread=yes" })).statusCode).toBe(400);

    // Read all: the focal point of SNV still has theirs.
    const snvBefore = (await mine(snv)).unread;
    const all = json(
      await s.coordinator.inject({ method: "POST", url: "/api/v1/notifications/read-all" }),
      notificationsMarked,
    );
    expect(all.marked).toBe(after.unread);
    expect((await mine(s.coordinator)).unread).toBe(0);
    expect((await mine(snv)).unread).toBe(snvBefore);
    const rows = await execRaw<{ n: number }>(
      s.t.ctx.db,
      sql`select count(*)::int as n from staff_notifications where read_at is null and user_id = ${s.coordinator.me.user.id}`,
    );
    expect(rows[0]?.n).toBe(0);
  });
});
