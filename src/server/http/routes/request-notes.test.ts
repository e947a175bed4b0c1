import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type MentionSignal, noteList, noteView } from "../../../shared/schemas/feedback.js";
import { webhookEvents } from "../../../shared/schemas/integrations.js";
import { kbEntry } from "../../../shared/schemas/kb.js";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import type { StaffSession } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRaw } from "../../db/client.js";

/**
 * Issue 19: internal notes on a request (staff only, never public, @mentions told live; the
 * forwarding and assignment notes come first, read from where they are stored) and a published
 * agency answer proposed as a Q&A draft from its published (redacted) texts.
 */
describe("internal notes and answer → Q&A draft", () => {
  const s = useStaffApp({ now: new Date("2026-03-10T09:00:00+07:00"), otherFocal: true });
  const secret = "GHI-CHU-NOI-BO-7Q2";

  const notesOf = async (who: StaffSession, id: string) =>
    json(await who.inject({ url: `/api/v1/requests/${id}/notes` }), noteList).notes;
  const addNote = (who: StaffSession, id: string, body: string) =>
    who.inject({ method: "POST", url: `/api/v1/requests/${id}/notes`, payload: { body } });

  it("the operator's forwarding note is the slip's first internal note; staff add notes after it", async () => {
    const f = await s.forwarded({}, { note: "Người dân cần lịch trước thứ Sáu" });
    const first = await notesOf(s.focal, f.id);
    expect(first).toEqual([
      expect.objectContaining({ kind: "forward", body: "Người dân cần lịch trước thứ Sáu", mentions: [] }),
    ]);
    const added = json(await addNote(s.focal, f.id, "Đã gọi trạm y tế, chờ xác nhận"), noteView, 201);
    expect(added).toMatchObject({ kind: "note", author: s.focal.me.user.fullName, mentions: [] });
    const all = await notesOf(s.operator, f.id);
    expect(all.map((n) => n.kind)).toEqual(["forward", "note"]);
    // Stored once: the forwarding note stays in its event, not copied into the notes table.
    const copies = await execRaw<{ n: number }>(
      s.t.ctx.db,
      sql`select count(*)::int as n from request_notes where body like 'Người dân cần lịch%'`,
    );
    expect(copies[0]?.n).toBe(0);
  });

  it("after an escalation, the operator's note and the coordinator's assignment note come first", async () => {
    const r = await s.drive.create(s.operator);
    const e = await s.drive.actOk(s.operator, r, "escalate", {
      note: "Không rõ thuộc Sở Y tế hay UBND phường",
    });
    const a = await s.drive.actOk(s.coordinator, e, "assign-agency", {
      agencyId: s.syt,
      note: "Sở Y tế trả lời",
    });
    const notes = await notesOf(s.focal, a.id);
    expect(notes.map((n) => [n.kind, n.body])).toEqual([
      ["escalate", "Không rõ thuộc Sở Y tế hay UBND phường"],
      ["assign_agency", "Sở Y tế trả lời"],
    ]);
  });

  it("an @mention alerts the mentioned user live; a user who may not read the request cannot be mentioned", async () => {
    const f = await s.forwarded();
    const signals: MentionSignal[] = [];
    const stop = s.t.services.live.subscribeMentions((s) => signals.push(s));
    try {
      const note = json(
        await addNote(s.focal, f.id, `@coordinator nhờ anh xem lại thẩm quyền, mã ${secret}`),
        noteView,
        201,
      );
      expect(note.mentions).toEqual([{ username: "coordinator", fullName: s.coordinator.me.user.fullName }]);
      await expect.poll(() => signals.length).toBe(1);
      expect(signals[0]).toEqual({
        userId: s.coordinator.me.user.id,
        requestId: f.id,
        code: f.code,
        noteId: note.id,
        by: s.focal.me.user.fullName,
      });
      // The signal carries no text of the note.
      expect(JSON.stringify(signals)).not.toContain(secret);
      // Another agency's focal point cannot read this request: mentioning them is refused, nothing written.
      const refused = error(await addNote(s.focal, f.id, `@${s.otherFocalUser.username} xem giúp`), 400);
      expect(refused.code).toBe("VALIDATION");
      expect(refused.details?.[0]).toMatchObject({ field: "body", code: "unknown_mention" });
      expect(error(await addNote(s.focal, f.id, "@khong-co-ai xem giúp"), 400).code).toBe("VALIDATION");
      expect((await notesOf(s.focal, f.id)).filter((n) => n.kind === "note")).toHaveLength(1);
      // An e-mail address is not a mention.
      json(await addNote(s.focal, f.id, "Gửi hồ sơ về tram.yte@example.vn"), noteView, 201);
    } finally {
      stop();
    }
    // The picker offers those who may read the request: not the other agency's focal point.
    const picker = (await s.focal.inject({ url: `/api/v1/requests/${f.id}/notes/mentionable` })).json<{
      users: { username: string }[];
    }>().users;
    expect(picker.map((u) => u.username)).toEqual(
      expect.arrayContaining(["coordinator", "operator", "focal"]),
    );
    expect(picker.map((u) => u.username)).not.toContain(s.otherFocalUser.username);
    expect(picker.map((u) => u.username)).not.toContain("admin");
  });

  it("bad input and other staff: 400, 404 for another agency, 403 for the administrator", async () => {
    const f = await s.forwarded();
    expect(error(await addNote(s.focal, f.id, "   "), 400).code).toBe("VALIDATION");
    expect(error(await addNote(s.focal, f.id, "x".repeat(5001)), 400).code).toBe("VALIDATION");
    const extra = await s.focal.inject({
      method: "POST",
      url: `/api/v1/requests/${f.id}/notes`,
      payload: { body: "ok", authorId: s.coordinator.me.user.id },
    });
    expect(error(extra, 400).code).toBe("VALIDATION");
    expect(error(await s.otherFocal.inject({ url: `/api/v1/requests/${f.id}/notes` }), 404).code).toBe(
      "NOT_FOUND",
    );
    expect(error(await addNote(s.otherFocal, f.id, "xem trộm"), 404).code).toBe("NOT_FOUND");
    expect(error(await s.admin.inject({ url: `/api/v1/requests/${f.id}/notes` }), 403).code).toBe(
      "FORBIDDEN",
    );
  });

  it("notes never reach the requester, the portal, Open311 or webhooks", async () => {
    const hook = await s.admin.inject({
      method: "POST",
      url: "/api/v1/admin/webhooks",
      payload: {
        name: "Tích hợp thử",
        url: "https://hooks.example.vn/1022",
        // Every event there is: no note may leave through any of them.
        events: webhookEvents,
        personalData: true,
      },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const r = await s.drive.create(s.operator, { channel: "portal" });
    const f = await s.drive.actOk(s.operator, r, "forward", { agencyId: s.syt, note: `chuyển ${secret}` });
    json(await addNote(s.focal, f.id, `Nội bộ: ${secret} @operator`), noteView, 201);
    const a = await s.drive.actOk(s.focal, f, "record-answer", {
      answer: "Tiêm tại trạm y tế phường sáng thứ Bảy.",
    });
    const p = await s.drive.actOk(s.focal, a, "publish", {});
    json(await addNote(s.coordinator, p.id, `Sau công khai: ${secret}`), noteView, 201);
    const reads = [
      `/api/v1/public/requests/${p.code}?phone=${encodeURIComponent("0912 345 678")}`,
      "/api/v1/public/answers",
      `/api/v1/public/answers/${p.publicId}`,
      `/open311/v2/requests/${p.publicId}.json`,
      `/open311/v2/requests/${p.publicId}.xml`,
      "/open311/v2/requests.json",
      "/hoi-dap",
      `/hoi-dap/${p.publicId}`,
    ];
    for (const url of reads) {
      const res = await s.t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(secret);
    }
    const out = await execRaw<{ channel: string; body: string }>(
      s.t.ctx.db,
      sql`select channel, body from outbox where request_id = ${p.id}`,
    );
    expect(out.some((o) => o.channel === "webhook")).toBe(true);
    for (const o of out) expect(o.body, o.channel).not.toContain(secret);
    // The events record that a note was added, not its text (histories, extracts, webhooks read events).
    const events = await execRaw<{ kind: string; data: unknown; public_note: string | null }>(
      s.t.ctx.db,
      sql`select kind, data, public_note from events where request_id = ${p.id} and kind = 'note_added'`,
    );
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(JSON.stringify(e)).not.toContain(secret);
      expect(e.public_note).toBeNull();
    }
  });

  describe("from a published answer to a Q&A draft", () => {
    const asked = "Tôi là Lê Thị Hoa, hỏi thủ tục cấp lại thẻ bảo hiểm y tế cho con bị mất thẻ";
    const recorded = "Gửi chị Lê Thị Hoa: nộp tờ khai TK1-TS tại bộ phận một cửa, nhận thẻ sau 3 ngày.";
    const publicQuestion = "Tôi là […], hỏi thủ tục cấp lại thẻ bảo hiểm y tế cho con bị mất thẻ";
    const publicAnswer = "Gửi chị […]: nộp tờ khai TK1-TS tại bộ phận một cửa, nhận thẻ sau 3 ngày.";

    async function answered(): Promise<RequestDetail> {
      const f = await s.forwarded({ content: asked, field: "y-te-xet-nghiem-tiem-phong" });
      return s.drive.actOk(s.focal, f, "record-answer", { answer: recorded });
    }
    const propose = (who: StaffSession, id: string) =>
      who.inject({ method: "POST", url: `/api/v1/requests/${id}/kb-proposal` });

    it("makes a draft of the published (redacted) texts, never the recorded ones, through the usual review", async () => {
      const a = await answered();
      expect(error(await propose(s.focal, a.id), 409).code).toBe("INVALID_TRANSITION");
      const p = await s.drive.actOk(s.focal, a, "publish", { publicQuestion, publicAnswer });
      const created = await propose(s.focal, p.id);
      expect(created.statusCode, created.body).toBe(201);
      const { entryId } = created.json<{ entryId: string }>();
      const entry = json(await s.focal.inject({ url: `/api/v1/kb/entries/${entryId}` }), kbEntry);
      expect(entry.status).toBe("draft");
      expect(entry.question).toBe(publicQuestion);
      expect(entry.answerHtml).toContain("nộp tờ khai TK1-TS");
      expect(entry.fieldCode).toBe("y-te-xet-nghiem-tiem-phong");
      expect(JSON.stringify(entry)).not.toContain("Lê Thị Hoa");
      expect(entry.agencyId).toBe(s.syt);
      // The usual workflow: the focal point proposes it, an administrator reviews and publishes.
      const proposed = await s.focal.inject({ method: "POST", url: `/api/v1/kb/entries/${entryId}/propose` });
      expect(proposed.statusCode, proposed.body).toBe(200);
      expect(json(proposed, kbEntry).status).toBe("proposed");
      // Once per request; not for staff without kb.propose, nor another agency (cannot even read it).
      expect(error(await propose(s.focal, p.id), 409).code).toBe("DUPLICATE");
      expect(error(await propose(s.operator, p.id), 403).code).toBe("FORBIDDEN");
      expect(error(await propose(s.otherFocal, p.id), 404).code).toBe("NOT_FOUND");
    });

    it("refuses an answer given from the Q&A base itself", async () => {
      const r = await s.drive.create(s.operator, {
        content: "Hỏi giờ làm việc của trạm y tế phường vào cuối tuần",
      });
      const k = await s.drive.actOk(s.operator, r, "answer-from-kb", {
        answer: "Trạm y tế làm việc sáng thứ Bảy.",
      });
      const p = await s.drive.actOk(s.operator, k, "publish", {});
      expect(p.status).toBe("published");
      expect(error(await propose(s.coordinator, p.id), 403).code).toBe("FORBIDDEN");
      expect(error(await propose(s.focal, p.id), 404).code).toBe("NOT_FOUND");
    });
  });
});
