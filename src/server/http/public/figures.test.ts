import { afterAll, describe, expect, it } from "vitest";
import { publicFigures } from "../../../shared/schemas/reports.js";
import { error, json } from "../../../test/http.js";
import {
  at,
  byKey,
  lateMayRequest,
  type RequestSpec,
  reportsFixture,
  wh,
} from "../../../test/reports.fixture.js";

/**
 * Public figures (issue 19): GET /api/v1/public/figures and the portal's /thong-ke show each agency's
 * answers and on-time rate for the last closed period, equal to the reports' figures, no personal
 * data, no rate below five answers. The fixture's clock is June 15, 2026: the last closed month is May.
 */
const { t, build, rowsOf } = await reportsFixture();
afterAll(() => t.close());

// Five more slips to the Department of Health in May, all answered within 3 working hours: with the
// fixture's own, SYT has enough answers in May for a public rate; SXD does not.
const sent = at("2026-05-12T08:00:00+07:00");
const extra: RequestSpec[] = [1, 2, 3, 4, 5].map((i) => ({
  code: `PF${i}`,
  channel: "portal",
  receivedAt: at("2026-05-12T07:30:00+07:00"),
  field: "an-sinh-xa-hoi",
  operator: true,
  slip: { agency: "SYT", sentAt: sent, recordedAt: wh(sent, 3) },
}));
for (const spec of extra) await build(spec);

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
    });
    expect(row("SXD")).toEqual({
      agencyCode: "SXD",
      agency: sxd.label,
      answered: sxd.answered,
      onTimeRate: null,
    });
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
    expect(page).toContain("Kỳ 2026-05: từ 01/05/2026 đến 31/05/2026");
    expect(page).toContain("Sở Y tế");
    expect(page).toMatch(/<a href="\/thong-ke\?ky=thang" aria-current="page">/);
    // No request content, code or phone number on the page.
    expect(page).not.toMatch(/Nội dung yêu cầu|PF\d|R0\d|0\d{9}/);
    const quarter = await get("/thong-ke?ky=quy");
    expect(quarter.body).toContain("Chưa có yêu cầu nào được chuyển cơ quan trả lời trong kỳ này.");
    // Anything else is the month, not an error page.
    expect((await get("/thong-ke?ky=%3Cscript%3E")).statusCode).toBe(200);
  });
});
