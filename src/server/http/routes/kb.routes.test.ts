import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  kbDiff,
  kbEntry,
  kbList,
  kbSearchHit,
  kbStaffSearchHit,
  kbVersion,
} from "../../../shared/schemas/kb.js";
import { useTestApp } from "../../../test/hooks.js";
import { error, json } from "../../../test/http.js";
import { type KbDraft, publishedEntry } from "../../../test/kb.js";
import { createStaffUser, type StaffSession } from "../../../test/staff.js";
import { select } from "../../db/client.js";
import { agencyTable } from "../../db/repositories/agency.repository.js";
import { createKbService } from "../../services/kb.service.js";

const draft = {
  question: "Trẻ em từ 5 đến 11 tuổi tiêm vắc-xin COVID-19 ở đâu?",
  answerHtml: "<p>Tiêm tại <strong>trạm y tế</strong> xã, phường.</p><script>alert(1)</script>",
  fieldCode: "y-te-xet-nghiem-tiem-phong",
  legalSources: [{ number: "2166/QĐ-BYT", date: "2022-08-01", url: "https://moh.gov.vn/qd-2166" }],
  keywords: ["tiêm chủng trẻ em"],
};

describe("Q&A base workflow over HTTP (Art. 14.4, 15.3; R-KB1)", () => {
  // The test moves the clock by hours; sessions must outlive that (idle limit: sessions.test.ts).
  const t = useTestApp({ SESSION_IDLE_MINUTES: 600 });
  let focal: StaffSession;
  let otherFocal: StaffSession;
  let admin: StaffSession;
  let operator: StaffSession;

  beforeAll(async () => {
    await t.ctx.db.execute(sql`update agencies set email = 'syt@thanhhoa.gov.vn' where code = 'SYT'`);
    focal = await (await createStaffUser(t, { role: "focal_point", agencyCode: "SYT" })).signIn();
    otherFocal = await (await createStaffUser(t, { role: "focal_point", agencyCode: "SGDDT" })).signIn();
    admin = await (await createStaffUser(t, { role: "admin" })).signIn();
    operator = await (await createStaffUser(t, { role: "operator" })).signIn();
  });

  const search = async (s: StaffSession, q: string, extra = "") =>
    json(
      await s.inject({ method: "GET", url: `/api/v1/kb/search?q=${encodeURIComponent(q)}${extra}` }),
      z.array(kbStaffSearchHit),
    );
  const publicSearch = async (q: string) =>
    json(
      await t.app.inject({ method: "GET", url: `/api/v1/public/kb/search?q=${encodeURIComponent(q)}` }),
      z.array(kbSearchHit),
    );

  /** PUT an entry: `answerHtml` replaces the draft's answer (the draft as it is when omitted). */
  const edit = (s: StaffSession, id: string, baseVersion: number, answerHtml?: string) =>
    s.inject({
      method: "PUT",
      url: `/api/v1/kb/entries/${id}`,
      payload: { baseVersion, entry: answerHtml ? { ...draft, answerHtml } : draft },
    });

  /** An entry the administrator created (`changes` to the draft), proposed and published. */
  const published = (changes: Partial<KbDraft>) => publishedEntry(admin, { ...draft, ...changes });

  it("R-KB1: focal proposes, admin reviews the diff and publishes; every edit is a version; the public finds it only then", async () => {
    const created = await focal.inject({ method: "POST", url: "/api/v1/kb/entries", payload: draft });
    const entry = json(created, kbEntry, 201);
    expect(entry.status).toBe("draft");
    expect(entry.answerHtml).not.toContain("script");
    expect(entry.abilities).toMatchObject({ edit: true, propose: true, review: false });

    const edited = await edit(focal, entry.id, 1, "<p>Tiêm tại trạm y tế xã, phường, thị trấn.</p>");
    expect(json(edited, kbEntry).version).toBe(2);
    const stale = await edit(focal, entry.id, 1);
    expect(error(stale, 409).code).toBe("CONFLICT");

    // Staff see drafts; the public does not.
    expect((await search(operator, "tiem vx cho tre"))[0]?.id).toBe(entry.id);
    expect(await publicSearch("tiem vx cho tre")).toEqual([]);

    const proposed = await focal.inject({ method: "POST", url: `/api/v1/kb/entries/${entry.id}/propose` });
    expect(json(proposed, kbEntry).status).toBe("proposed");
    const review = json(
      await admin.inject({ method: "GET", url: `/api/v1/kb/entries/${entry.id}/review` }),
      kbDiff,
    );
    expect(review.published).toBeNull();
    expect(review.changes.map((c) => c.field)).toContain("question");

    const published = await admin.inject({
      method: "POST",
      url: `/api/v1/kb/entries/${entry.id}/publish`,
      payload: {},
    });
    expect(json(published, kbEntry)).toMatchObject({
      status: "published",
      publishedVersion: 2,
      pendingVersion: null,
    });

    const hits = await publicSearch("tiem vac xin cho tre 5 tuoi");
    expect(hits[0]).toMatchObject({ id: entry.id, field: "y-te-xet-nghiem-tiem-phong" });
    expect(hits[0]?.snippet).toContain("<mark>");
    expect(hits[0]).not.toHaveProperty("status");

    // A change to a published entry waits for review; the published text keeps being served.
    const change = await edit(focal, entry.id, 2, "<p>Tiêm tại trường học theo kế hoạch.</p>");
    expect(json(change, kbEntry)).toMatchObject({ status: "published", pendingVersion: 3 });
    expect((await publicSearch("tiem vac xin cho tre"))[0]?.snippet).toContain("trạm y tế");
    const diff = json(
      await admin.inject({ method: "GET", url: `/api/v1/kb/entries/${entry.id}/review` }),
      kbDiff,
    );
    expect(diff.changes).toEqual([
      {
        field: "answerHtml",
        before: "<p>Tiêm tại trạm y tế xã, phường, thị trấn.</p>",
        after: "<p>Tiêm tại trường học theo kế hoạch.</p>",
      },
    ]);

    const rejected = await admin.inject({
      method: "POST",
      url: `/api/v1/kb/entries/${entry.id}/reject`,
      payload: { reason: "Chưa có văn bản" },
    });
    expect(json(rejected, kbEntry)).toMatchObject({
      status: "published",
      pendingVersion: null,
      publishedVersion: 2,
    });

    const versions = json(
      await operator.inject({ method: "GET", url: `/api/v1/kb/entries/${entry.id}/versions` }),
      z.array(kbVersion),
    );
    expect(versions.map((v) => [v.version, v.state])).toEqual([
      [1, "draft"],
      [2, "published"],
      [3, "rejected"],
    ]);
    expect(versions[2]?.reviewNote).toBe("Chưa có văn bản");

    // Audit trail and the agency told of each outcome.
    const events = await select(
      t.ctx.db,
      z.object({ kind: z.string(), actor_id: z.string().nullable() }),
      sql`select kind, actor_id from events where entity = 'kb_entry' and entity_id = ${entry.id} order by id`,
    );
    expect(events.map((e) => e.kind)).toEqual([
      "kb_entry.created",
      "kb_entry.edited",
      "kb_entry.proposed",
      "kb_entry.published",
      "kb_entry.change_proposed",
      "kb_entry.rejected",
    ]);
    const mail = await select(
      t.ctx.db,
      z.object({ kind: z.string(), body: z.string() }),
      sql`select kind, body from outbox where recipient = 'syt@thanhhoa.gov.vn' order by id`,
    );
    expect(mail.map((m) => m.kind)).toEqual(["kb_published", "kb_rejected"]);
    expect(mail[1]?.body).toContain("Chưa có văn bản");

    const archived = await admin.inject({
      method: "POST",
      url: `/api/v1/kb/entries/${entry.id}/archive`,
      payload: {},
    });
    expect(json(archived, kbEntry).status).toBe("archived");
    expect(await publicSearch("tiem vac xin cho tre")).toEqual([]);
  });

  it("R-SE1: only the owning agency edits, only an administrator reviews, the public cannot write", async () => {
    const entry = json(
      await focal.inject({
        method: "POST",
        url: "/api/v1/kb/entries",
        payload: { ...draft, question: "Giấy đi đường cấp ở đâu?" },
      }),
      kbEntry,
      201,
    );
    const other = await edit(otherFocal, entry.id, 1);
    expect(other.statusCode).toBe(404);
    expect(
      (await operator.inject({ method: "POST", url: "/api/v1/kb/entries", payload: draft })).statusCode,
    ).toBe(403);
    await focal.inject({ method: "POST", url: `/api/v1/kb/entries/${entry.id}/propose` });
    expect(
      (await focal.inject({ method: "POST", url: `/api/v1/kb/entries/${entry.id}/publish`, payload: {} }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/kb/search?q=giay" })).statusCode).toBe(401);
    const noCsrf = await t.app.inject({
      method: "POST",
      url: "/api/v1/kb/entries",
      payload: draft,
      headers: { cookie: focal.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    // A focal point cannot write for another agency.
    const sgddt = await agencyTable.findByCode(t.ctx.db, "SGDDT");
    const foreign = await focal.inject({
      method: "POST",
      url: "/api/v1/kb/entries",
      payload: { ...draft, agencyId: sgddt?.id },
    });
    expect(foreign.statusCode).toBe(403);
  });

  it("R-KB1: an entry past its effective-until date stops being suggested and is flagged for review", async () => {
    const until = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    const entry = await published({
      question: "Cách ly F1 tại nhà mấy ngày?",
      answerHtml: "7 ngày",
      effectiveUntil: until,
    });
    expect((await publicSearch("cach ly f1 may ngay"))[0]?.id).toBe(entry.id);

    t.clock.advance(2 * 3600_000); // within the 12 h session and the 10 h idle limit set above
    expect(await publicSearch("cach ly f1 may ngay")).toEqual([]);
    expect((await search(operator, "cach ly f1 may ngay")).map((h) => h.id)).not.toContain(entry.id);
    expect((await search(operator, "cach ly f1 may ngay", "&includeExpired=true"))[0]?.id).toBe(entry.id);
    const review = json(
      await admin.inject({ method: "GET", url: "/api/v1/kb/entries?needsReview=true" }),
      kbList,
    );
    expect(review.items.map((i) => [i.id, i.needsReview])).toEqual([[entry.id, true]]);
    const kb = createKbService(t.ctx);
    expect(await kb.flagExpiredEntries()).toBe(1);
    expect(await kb.flagExpiredEntries()).toBe(0);
    const flagged = await select(
      t.ctx.db,
      z.object({ kind: z.string() }),
      sql`select kind from events where entity_id = ${entry.id} order by id desc limit 1`,
    );
    expect(flagged[0]?.kind).toBe("kb_entry.expired");
  });

  // Twenty-sixth session: a request typed with its marks drew "để" into every snippet for "đề nghị".
  it("marks a word typed with its marks only where the answer writes it so; typed bare, every form", async () => {
    const entry = await published({
      question: "Hộ nghèo đề nghị trợ cấp gạo thế nào?",
      answerHtml: "<p>Gửi đơn đề nghị lên xã để được xét trợ cấp gạo.</p>",
    });
    const snippet = async (q: string) =>
      (await search(operator, q, "&status=published")).find((h) => h.id === entry.id)?.snippet;
    expect(await snippet("Đề nghị trợ cấp gạo")).toBe(
      "Gửi đơn <mark>đề</mark> <mark>nghị</mark> lên xã để được xét <mark>trợ</mark> <mark>cấp</mark> <mark>gạo</mark>.",
    );
    expect(await snippet("de nghi tro cap gao")).toContain("<mark>để</mark>");
  });

  // Thirty-fifth session: «vắc-xin» read as two marks; the portal's /hoi-dap shares this snippet.
  it("marks a hyphenated word searched whole as one mark, and its other spellings", async () => {
    const entry = await published({
      question: "Trẻ tiêm vắc-xin sởi ở đâu?",
      answerHtml: "<p>Trẻ được tiêm vắc-xin sởi tại trạm y tế; vaccine được bảo quản lạnh.</p>",
    });
    for (const q of ["vắc-xin sởi", "vaccine sởi"]) {
      const hit = (await search(operator, q, "&status=published")).find((h) => h.id === entry.id);
      expect(hit?.snippet, q).toContain("<mark>vắc-xin</mark> <mark>sởi</mark>");
      expect(hit?.snippet, q).toContain("<mark>vaccine</mark> được");
    }
  });

  // 6 Dec 2026: the lookup lists whose answer each hit is and when it last changed, unopened.
  it("R-HA1: a staff hit names the answering agency and when the entry changed; the public's does not", async () => {
    const syt = await agencyTable.findByCode(t.ctx.db, "SYT");
    const own = await published({
      question: "Xe cứu thương chở người bệnh đi viện có mất phí không?",
      answerHtml: "<p>Xe cứu thương 115 chở người bệnh trong tỉnh không mất phí.</p>",
      agencyId: syt?.id,
    });
    t.clock.advance(90_000);
    const none = await published({
      question: "Xe cứu thương tư nhân có mất phí không?",
      answerHtml: "<p>Xe cứu thương tư nhân thu phí theo bảng giá niêm yết.</p>",
    });
    const changedAt = async (id: string) =>
      json(await operator.inject({ method: "GET", url: `/api/v1/kb/entries/${id}` }), kbEntry)
        .contentUpdatedAt;

    const hits = await search(operator, "xe cuu thuong co mat phi khong", "&status=published");
    expect(hits.map((h) => h.id).sort()).toEqual([own.id, none.id].sort());
    const byId = new Map(hits.map((h) => [h.id, h]));
    expect(byId.get(own.id)).toMatchObject({ agencyName: syt?.name, updatedAt: await changedAt(own.id) });
    expect(byId.get(none.id)).toMatchObject({ agencyName: null, updatedAt: await changedAt(none.id) });
    expect(byId.get(own.id)?.updatedAt).not.toBe(byId.get(none.id)?.updatedAt);
    // Read by ids after ranking: the order stays the ranking's.
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // The public hit keeps exactly its own fields (the raw body: parsing would drop extra keys).
    const raw = await t.app.inject({
      method: "GET",
      url: `/api/v1/public/kb/search?q=${encodeURIComponent("xe cuu thuong co mat phi khong")}`,
    });
    const body = z.array(z.record(z.string(), z.unknown())).parse(raw.json());
    expect(body).toHaveLength(2);
    for (const hit of body) expect(Object.keys(hit).sort()).toEqual(Object.keys(kbSearchHit.shape).sort());
  });

  // Thirty-fourth session: staff read the hit's «Cập nhật …» as when the answer last changed, but a
  // change merely proposed to a published entry, and its rejection, moved it too.
  it("R-HA1: a change proposed to a published entry and rejected leaves the hit's time; publishing one moves it", async () => {
    const syt = await agencyTable.findByCode(t.ctx.db, "SYT");
    const content = {
      ...draft,
      question: "Mất thẻ bảo hiểm y tế thì xin cấp lại ở đâu?",
      answerHtml: "<p>Xin cấp lại thẻ bảo hiểm y tế tại bảo hiểm xã hội huyện.</p>",
      agencyId: syt?.id,
    };
    const { id } = await published(content);
    const hitTime = async () =>
      (await search(operator, "mat the bao hiem y te cap lai o dau", "&status=published")).find(
        (h) => h.id === id,
      )?.updatedAt;
    const read = async () =>
      json(await operator.inject({ method: "GET", url: `/api/v1/kb/entries/${id}` }), kbEntry);
    const publishedAt = t.clock.now().toISOString();
    expect(await hitTime()).toBe(publishedAt);
    const propose = async (answerHtml: string) =>
      json(
        await focal.inject({
          method: "PUT",
          url: `/api/v1/kb/entries/${id}`,
          payload: { baseVersion: (await read()).version, entry: { ...content, answerHtml } },
        }),
        kbEntry,
      );

    t.clock.advance(3_600_000);
    const change = await propose("<p>Xin cấp lại thẻ trên Cổng dịch vụ công quốc gia.</p>");
    expect(change).toMatchObject({ status: "published", pendingVersion: change.version });
    expect(await hitTime()).toBe(publishedAt);
    t.clock.advance(3_600_000);
    const rejected = await admin.inject({
      method: "POST",
      url: `/api/v1/kb/entries/${id}/reject`,
      payload: { reason: "Chưa có hướng dẫn" },
    });
    expect(json(rejected, kbEntry)).toMatchObject({ status: "published", pendingVersion: null });
    expect(await hitTime()).toBe(publishedAt);
    // The lookup's drawer says the same; the agencies' list still dates and orders by the last move.
    expect(await read()).toMatchObject({
      contentUpdatedAt: publishedAt,
      updatedAt: t.clock.now().toISOString(),
    });

    t.clock.advance(3_600_000);
    await propose("<p>Xin cấp lại thẻ tại bảo hiểm xã hội huyện hoặc trên Cổng dịch vụ công.</p>");
    await admin.inject({ method: "POST", url: `/api/v1/kb/entries/${id}/publish`, payload: {} });
    expect(await hitTime()).toBe(t.clock.now().toISOString());
    expect((await read()).contentUpdatedAt).toBe(t.clock.now().toISOString());
  });

  it("rejects bad input with stable codes, never a 500", async () => {
    const bad = await focal.inject({
      method: "POST",
      url: "/api/v1/kb/entries",
      payload: { ...draft, fieldCode: "khong-co" },
    });
    expect(error(bad, 400).code).toBe("VALIDATION");
    const empty = await focal.inject({
      method: "POST",
      url: "/api/v1/kb/entries",
      payload: { ...draft, answerHtml: "<script>x</script>" },
    });
    expect(error(empty, 400).code).toBe("VALIDATION");
    expect((await t.app.inject({ method: "GET", url: "/api/v1/public/kb/search?q=" })).statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/v1/public/kb/search?q=x&limit=1000" })).statusCode,
    ).toBe(400);
    expect((await operator.inject({ method: "GET", url: "/api/v1/kb/entries/not-a-uuid" })).statusCode).toBe(
      400,
    );
  });
});
