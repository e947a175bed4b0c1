import { afterAll, describe, expect, it } from "vitest";
import { publicFigures } from "../../../shared/schemas/reports.js";
import { error, json } from "../../../test/http.js";
import {
  answeredInMay,
  at,
  byKey,
  lateMayRequest,
  type RequestSpec,
  reportsFixture,
  wh,
} from "../../../test/reports.fixture.js";
import { insertFeedback } from "../../db/repositories/feedback.repository.js";

/**
 * Public figures (issue 19): GET /api/v1/public/figures and the portal's /thong-ke show each agency's
 * answers and on-time rate for the last closed period, equal to the reports' figures, no personal
 * data, no rate below five answers. The fixture's clock is June 15, 2026: the last closed month is May.
 */
const { t, build, rowsOf } = await reportsFixture();
afterAll(() => t.close());

// Five more slips to the Department of Health in May, all answered within 3 working hours: with the
// fixture's own, SYT has enough answers in May for a public rate; SXD does not.
const extra: RequestSpec[] = [1, 2, 3, 4, 5].map((i) => answeredInMay(`PF${i}`));
const extraIds: string[] = [];
for (const spec of extra) extraIds.push(await build(spec));

// Satisfaction (issue 19): five feedbacks on SYT's May answers, given in May — enough for public
// rates — and one on an SXD answer, which shows its count only. Feedback counts in the period it
// was given, so these are written with May times (the repository's own insert, as the service does).
const sxdId = await build({
  code: "PF-SXD",
  channel: "zalo",
  receivedAt: at("2026-05-13T07:30:00+07:00"),
  field: "khac",
  operator: true,
  slip: {
    agency: "SXD",
    sentAt: at("2026-05-13T08:00:00+07:00"),
    recordedAt: wh(at("2026-05-13T08:00:00+07:00"), 2),
  },
});
// Fifteenth session: the Department of Home Affairs answers one slip in May and returns five
// without an answer after their deadline. Its rate (1 of 6 on time) is over six slips: it is shown;
// before, the floor looked at the single answer and hid it.
for (const [i, day] of ["04", "05", "06", "07", "08", "11"].entries()) {
  const sentAt = at(`2026-05-${day}T08:00:00+07:00`);
  await build({
    code: `PF-SNV${i}`,
    channel: "portal",
    receivedAt: at(`2026-05-${day}T07:30:00+07:00`),
    field: "khac",
    operator: true,
    slip:
      i === 0
        ? { agency: "SNV", sentAt, recordedAt: wh(sentAt, 2) }
        : { agency: "SNV", sentAt, returnedAt: wh(sentAt, 12) },
  });
}
const given = at("2026-05-20T10:00:00+07:00");
for (const [i, id] of extraIds.entries()) {
  await insertFeedback(t.ctx.db, {
    requestId: id,
    resolved: i !== 0,
    rating: i + 1,
    comment: null,
    at: given,
  });
}
await insertFeedback(t.ctx.db, {
  requestId: sxdId,
  resolved: false,
  rating: 1,
  comment: "Chưa rõ",
  at: given,
});

const get = (url: string) => t.app.inject({ method: "GET", url });

describe("public figures per agency (issue 19)", () => {
  it("equal the reports' figures for the last closed month; no rate under five answers", async () => {
    const figures = json(await get("/api/v1/public/figures?period=monthly"), publicFigures);
    expect(figures).toMatchObject({
      kind: "monthly",
      period: "2026-05",
      from: "2026-05-01",
      to: "2026-05-31",
    });
    const report = await rowsOf("from=2026-05-01&to=2026-05-31&groupBy=agency");
    const syt = byKey(report, "SYT");
    const sxd = byKey(report, "SXD");
    expect(syt.answered).toBeGreaterThanOrEqual(5);
    expect(sxd.answered).toBeLessThan(5);
    const row = (code: string) => figures.rows.find((r) => r.agencyCode === code);
    expect(row("SYT")).toEqual({
      agencyCode: "SYT",
      agency: syt.label,
      answered: syt.answered,
      onTimeRate: syt.onTimeRate,
      feedbackCount: syt.feedbackCount,
      resolvedRate: syt.resolvedRate,
      ratingAvg: syt.ratingAvg,
    });
    expect(row("SXD")).toEqual({
      agencyCode: "SXD",
      agency: sxd.label,
      answered: sxd.answered,
      onTimeRate: null,
      feedbackCount: 1,
      resolvedRate: null,
      ratingAvg: null,
    });
    const snv = byKey(report, "SNV");
    expect(snv).toMatchObject({ answered: 1, onTime: 1, returnedLate: 5 });
    expect(row("SNV")).toMatchObject({ answered: 1, onTimeRate: snv.onTimeRate });
    expect(snv.onTimeRate).toBeCloseTo(1 / 6);
    // Issue 19: SYT's five feedbacks — 4 resolved, ratings 1..5 — equal the reports' and are shown.
    expect(syt).toMatchObject({ feedbackCount: 5, feedbackResolved: 4, resolvedRate: 0.8, ratingAvg: 3 });
    expect(sxd).toMatchObject({ feedbackCount: 1, resolvedRate: 0, ratingAvg: 1 });
    // Requests not forwarded to any agency are not an agency's figure.
    expect(figures.rows.every((r) => r.agencyCode !== "-")).toBe(true);
  });

  it("come from the frozen report: a slip added to May afterwards changes nothing", async () => {
    const before = json(await get("/api/v1/public/figures?period=monthly"), publicFigures);
    await build({ ...lateMayRequest, code: "PF-LATE" });
    const after = json(await get("/api/v1/public/figures?period=monthly"), publicFigures);
    expect(after).toEqual(before);
  });

  it("quarter and year are the last closed ones; a bad period is 400", async () => {
    const quarter = json(await get("/api/v1/public/figures?period=quarterly"), publicFigures);
    expect(quarter).toMatchObject({ period: "2026-Q1", from: "2026-01-01", to: "2026-03-31" });
    const year = json(await get("/api/v1/public/figures?period=yearly"), publicFigures);
    expect(year).toMatchObject({ period: "2025", rows: expect.any(Array) });
    expect(year.rows.every((r) => r.answered === 0)).toBe(true);
    error(await get("/api/v1/public/figures?period=weekly"), 400);
    error(await get("/api/v1/public/figures?period=monthly&period=yearly"), 400);
  });

  it("the portal page /thong-ke shows them without personal data, readable without JavaScript", async () => {
    const res = await get("/thong-ke");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    const page = res.body;
    // The period in words, never its code ("2026-05", "2026-Q1"): 5 December 2026, 27th session.
    expect(page).toContain("Tháng 5 năm 2026: từ 01/05/2026 đến 31/05/2026");
    expect(page).toContain("Sở Y tế");
    expect(page).toMatch(/<a href="\/thong-ke\?ky=thang" aria-current="page">/);
    // Satisfaction (issue 19): SYT's rates shown; SXD's single feedback counted but suppressed.
    expect(page).toContain("Mức hài lòng");
    expect(page).toContain("80 %");
    expect(page).toContain("3/5");
    expect(page).not.toContain("Chưa rõ");
    // No request content, code or phone number on the page.
    expect(page).not.toMatch(/Nội dung yêu cầu|PF\d|R0\d|0\d{9}/);
    const quarter = await get("/thong-ke?ky=quy");
    expect(quarter.body).toContain("Chưa có yêu cầu nào được chuyển cơ quan trả lời trong kỳ này.");
    expect(quarter.body).toContain("Quý I năm 2026: từ 01/01/2026 đến 31/03/2026");
    expect((await get("/thong-ke?ky=nam")).body).toContain("Năm 2025: từ 01/01/2025 đến 31/12/2025");
    for (const body of [page, quarter.body]) expect(body).not.toMatch(/\d{4}-(Q\d|\d{2}):/);
    // Anything else is the month, not an error page.
    expect((await get("/thong-ke?ky=%3Cscript%3E")).statusCode).toBe(200);
  });
});
