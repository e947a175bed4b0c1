import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { useTestApp } from "../../../test/hooks.js";
import { requestDriver } from "../../../test/requests.js";
import { createStaffUser, type StaffSession, signIn } from "../../../test/staff.js";
import { isPublic } from "../../domain/publication.js";
import { select } from "../client.js";
import { listAnsweringAgencies, publicRequest } from "./publication.repository.js";

/**
 * "Is this request public" (Art. 12, R-PU1): published, not taken down, AND the requester agreed. An agency whose
 * only published answer was given on a request without consent must not appear anywhere public.
 */
describe("publication: one rule for every public query", () => {
  const t = useTestApp({ seed: "staff" });
  let drive: ReturnType<typeof requestDriver>;
  let hidden: { code: string; publicId: string | null };
  let shown: { code: string; publicId: string | null };

  async function publishThrough(
    operator: StaffSession,
    focal: StaffSession,
    agencyCode: string,
    publishConsent: boolean,
    topic: string,
  ) {
    const r = await drive.create(operator, { publishConsent, content: `Tôi muốn hỏi về ${topic}.` });
    let d = await drive.actOk(operator, r, "forward", {
      agencyId: await drive.agencyId(agencyCode),
      transferAttempt: "connected",
    });
    d = await drive.actOk(focal, d, "record-answer", { answer: `Trả lời về ${topic}.` });
    d = await drive.actOk(focal, d, "publish");
    expect(d.status).toBe("published");
    expect(d.publishConsent).toBe(publishConsent);
    return d;
  }

  beforeAll(async () => {
    drive = requestDriver(t);
    const operator = await signIn(t.app, "operator");
    const focalSyt = await signIn(t.app, "focal");
    const focalSct = await (await createStaffUser(t, { role: "focal_point", agencyCode: "SCT" })).signIn();
    expect(focalSyt.me.user.agencyId).toBe(await drive.agencyId("SYT"));
    hidden = await publishThrough(operator, focalSyt, "SYT", false, "lịch tiêm chủng");
    shown = await publishThrough(operator, focalSct, "SCT", true, "giá xăng dầu");
    // Published with consent, then taken down by the coordinator (issue 13): public no more.
    const down = await publishThrough(operator, focalSyt, "SYT", true, "giờ làm việc");
    const coordinator = await signIn(t.app, "coordinator");
    const after = await drive.actOk(coordinator, down, "takedown", { reason: "Cần rà soát lại." });
    expect(after.status).toBe("answered");
  });

  it("the portal's agency filter offers only agencies with a public answer", async () => {
    const options = await listAnsweringAgencies(t.ctx.db);
    expect(options.map((o) => o.code)).toEqual(["SCT"]);
    const page = await t.app.inject({ method: "GET", url: "/hoi-dap" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="SCT"');
    expect(page.body).not.toContain('value="SYT"');
    // The code whatever its case (migration 0036): the answer is found, the option selected.
    const bySct = await t.app.inject({ method: "GET", url: "/api/v1/public/answers?agency=sct" });
    expect(bySct.json().total).toBe(1);
    const filtered = await t.app.inject({ method: "GET", url: "/hoi-dap?agency=sct" });
    expect(filtered.body).toContain('value="SCT" selected');
  });

  it("public answers leave out a published answer without the requester's consent", async () => {
    const list = await t.app.inject({ method: "GET", url: "/api/v1/public/answers" });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([shown.publicId]);
    const bySyt = await t.app.inject({ method: "GET", url: "/api/v1/public/answers?agency=SYT" });
    expect(bySyt.json().total).toBe(0);
    const one = await t.app.inject({ method: "GET", url: `/api/v1/public/answers/${hidden.publicId}` });
    expect(one.statusCode).toBe(404);
    const other = await t.app.inject({ method: "GET", url: `/api/v1/public/answers/${shown.publicId}` });
    expect(other.statusCode).toBe(200);
  });

  it("the SQL fragment and the TS predicate agree on every request", async () => {
    const rows = await select(
      t.ctx.db,
      z.object({
        code: z.string(),
        published_at: z.coerce.date().nullable(),
        taken_down_at: z.coerce.date().nullable(),
        publish_consent: z.boolean(),
        public: z.boolean(),
      }),
      sql`select r.code, r.published_at, r.taken_down_at, r.publish_consent, ${publicRequest()} as public from requests r`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.public, row.code).toBe(isPublic(row));
    expect(rows.filter(isPublic).map((r) => r.code)).toEqual([shown.code]);
  });

  it("searching public answers ranks by the words that matter instead of requiring every word (issue 16)", async () => {
    const operator = await signIn(t.app, "operator");
    const focal = await signIn(t.app, "focal");
    const measles = await publishThrough(operator, focal, "SYT", true, "tiêm vắc-xin sởi cho trẻ 9 tháng");
    const vaccine = await publishThrough(operator, focal, "SYT", true, "tiêm vắc xin cúm mùa");
    const ids = async (q: string) => {
      const res = await t.app.inject({
        method: "GET",
        url: `/api/v1/public/answers?q=${encodeURIComponent(q)}`,
      });
      expect(res.statusCode).toBe(200);
      return res.json().items.map((a: { id: string }) => a.id) as string[];
    };
    // The spoken question: "có", "được", "không" are filler, and not every word has to be there.
    expect(await ids("có được tiêm vắc xin sởi không")).toEqual([measles.publicId, vaccine.publicId]);
    expect(await ids("co duoc tiem vac xin soi khong")).toEqual([measles.publicId, vaccine.publicId]);
    expect(await ids("giá xăng hôm nay")).toEqual([shown.publicId]);
    // One shared word of four is not a match; a syllable inside another word is not either.
    expect(await ids("giá vàng miếng hôm nay")).toEqual([]);
    expect((await ids("xin")).sort()).toEqual([measles.publicId, vaccine.publicId].sort());
    expect(await ids("xi")).toEqual([]);
    // The portal page answers the same question.
    const page = await t.app.inject({
      method: "GET",
      url: "/hoi-dap?q=c%C3%B3+%C4%91%C6%B0%E1%BB%A3c+ti%C3%AAm+v%E1%BA%AFc+xin+s%E1%BB%9Fi+kh%C3%B4ng",
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(String(measles.publicId));
  });
});
