import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { kbEntry } from "../../../shared/schemas/kb.js";
import { error, json } from "../../../test/http.js";
import { proposedEntry } from "../../../test/kb.js";
import { createStaffUser, type StaffSession, signIn } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { select } from "../../db/client.js";

/**
 * Issue 13: the personal-data guard at publication, over HTTP. Anyone's personal data in the
 * public text is refused with 400 PERSONAL_DATA and its spans; a finding the publisher confirms
 * is not personal is accepted and recorded with who confirmed it; the requester's own details
 * never are.
 */
describe("personal-data guard at publication (issue 13)", () => {
  const s = useStaffApp({ users: [] });

  async function answered() {
    const operator = await signIn(s.t.app, "operator");
    const focal = await signIn(s.t.app, "focal");
    const r = await s.drive.create(operator, {
      requester: { fullName: "Lê Thị Hoa", phone: "0912 001 021", address: "Số 5 Lê Lợi, phường Hạc Thành" },
      content: "Số không chín một hai 001021 gọi lại hỏi lịch tiêm vắc xin cho trẻ em ở phường",
    });
    let d = await s.drive.actOk(operator, r, "forward", {
      agencyId: await s.drive.agencyId("SYT"),
      transferAttempt: "connected",
    });
    d = await s.drive.actOk(focal, d, "record-answer", {
      answer: "Liên hệ bác sĩ Trần Văn Bình, Bệnh viện Đa khoa tỉnh.",
    });
    return { focal, d };
  }

  it("refuses the issue's probe and other people's data with every span, then publishes what the focal point confirms", async () => {
    const { focal, d } = await answered();
    // The texts as recorded (publication is redaction only, so they are the defaults).
    const probe = await s.drive.act(focal, d, "publish", {});
    const refused = error(probe, 400);
    expect(refused.code).toBe("PERSONAL_DATA");
    expect(refused.details).toEqual([
      expect.objectContaining({
        field: "publicQuestion",
        code: "personal_data",
        kind: "phone",
        start: 3,
        end: 28,
        text: "không chín một hai 001021",
      }),
      expect.objectContaining({ field: "publicAnswer", kind: "name", text: "Trần Văn Bình" }),
    ]);
    expect(refused.details?.[0]?.message).toContain("người gửi");

    // Confirming the requester's own phone does not help.
    const stillRefused = await s.drive.act(focal, d, "publish", {
      confirmedNotPersonal: [
        { field: "publicQuestion", kind: "phone", text: "không chín một hai 001021" },
        { field: "publicAnswer", kind: "name", text: "Trần Văn Bình" },
      ],
    });
    expect(error(stillRefused, 400).code).toBe("PERSONAL_DATA");
    expect((await s.drive.get(focal, d.id)).status).toBe("answered");

    // The phone is hidden; the doctor's name is the hospital's public contact: the focal point confirms it.
    const published = await s.drive.actOk(focal, d, "publish", {
      publicQuestion: "Số […] gọi lại hỏi lịch tiêm vắc xin cho trẻ em ở phường",
      confirmedNotPersonal: [{ field: "publicAnswer", kind: "name", text: "Trần Văn Bình" }],
    });
    expect(published.status).toBe("published");
    const event = published.events.find((e) => e.kind === "publish");
    expect(event?.actor).toBeTruthy();
    expect(event?.data).toEqual(
      expect.objectContaining({
        confirmedNotPersonal: [
          { field: "publicAnswer", kind: "name", start: 15, end: 28, text: "Trần Văn Bình" },
        ],
      }),
    );
  });

  it("a confirmation is a closed shape: an unknown kind is 400 VALIDATION, nothing written", async () => {
    const { focal, d } = await answered();
    const res = await s.drive.act(focal, d, "publish", {
      confirmedNotPersonal: [{ kind: "password", text: "x" }],
    });
    expect(error(res, 400).code).toBe("VALIDATION");
    expect((await s.drive.get(focal, d.id)).status).toBe("answered");
  });

  it("guards Q&A entries when the administrator publishes them, and records the confirmation", async () => {
    const focal: StaffSession = await (
      await createStaffUser(s.t, { role: "focal_point", agencyCode: "SYT" })
    ).signIn();
    const admin: StaffSession = await (await createStaffUser(s.t, { role: "admin" })).signIn();
    const entry = await proposedEntry(focal, {
      question: "Tiêm vắc xin dại ở đâu trong thành phố?",
      answerHtml: "<p>Tại Trung tâm Kiểm soát bệnh tật tỉnh; gọi chị Nguyễn Thị Hằng 0912 888 999.</p>",
      fieldCode: "y-te-xet-nghiem-tiem-phong",
      legalSources: [],
      keywords: [],
    });
    const publish = (payload: object) =>
      admin.inject({ method: "POST", url: `/api/v1/kb/entries/${entry.id}/publish`, payload });

    const refused = error(await publish({}), 400);
    expect(refused.code).toBe("PERSONAL_DATA");
    expect(refused.details?.map((x) => [x.field, x.kind, x.text])).toEqual([
      ["answer", "name", "Nguyễn Thị Hằng"],
      ["answer", "phone", "0912 888 999"],
    ]);
    // Confirming only one finding is not enough.
    const partly = await publish({ confirmedNotPersonal: [{ kind: "name", text: "Nguyễn Thị Hằng" }] });
    expect(error(partly, 400).details?.map((x) => x.kind)).toEqual(["phone"]);

    const ok = await publish({
      note: "Số tổng đài của trung tâm",
      confirmedNotPersonal: [
        { kind: "name", text: "Nguyễn Thị Hằng" },
        { kind: "phone", text: "0912 888 999" },
      ],
    });
    expect(json(ok, kbEntry).status).toBe("published");
    const events = await select(
      s.t.ctx.db,
      z.object({ actor_id: z.string().nullable(), data: z.record(z.string(), z.unknown()) }),
      sql`select actor_id, data from events where entity = 'kb_entry' and entity_id = ${entry.id} and kind = 'kb_entry.published'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.actor_id).toBeTruthy();
    expect(events[0]?.data.confirmedNotPersonal).toEqual([
      expect.objectContaining({ field: "answer", kind: "name", text: "Nguyễn Thị Hằng" }),
      expect.objectContaining({ field: "answer", kind: "phone", text: "0912 888 999" }),
    ]);
  });
});
