import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestApp, type TestApp } from "../../../test/harness.js";
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
  let t: TestApp;
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
    t = await createTestApp({ seed: "staff" });
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
  afterAll(() => t.close());

  it("the portal's agency filter offers only agencies with a public answer", async () => {
    const options = await listAnsweringAgencies(t.ctx.db);
    expect(options.map((o) => o.code)).toEqual(["SCT"]);
    const page = await t.app.inject({ method: "GET", url: "/hoi-dap" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="SCT"');
    expect(page.body).not.toContain('value="SYT"');
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
});
