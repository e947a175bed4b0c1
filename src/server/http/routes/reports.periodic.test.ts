import { mkdirSync, writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import * as mupdf from "mupdf";
import { afterAll, describe, expect, it } from "vitest";
import type { ReportData } from "../../../shared/schemas/reports.js";
import { pdfText, sheets } from "../../../test/downloads.js";
import { byKey, lateMayRequest, reportsFixture } from "../../../test/reports.fixture.js";
import { renderPdf, renderXlsx } from "../../services/report-render.js";

/** Series, the periodic list and the frozen periodic reports (XLSX, PDF) on the reports fixture. */
const { t, one, build, coordinator, leader, rowsOf, get } = await reportsFixture();
afterAll(() => t.close());

describe("series and periodic list", () => {
  it("received per day and channel", async () => {
    const res = await get(coordinator, "/api/v1/reports/series?from=2026-05-04&to=2026-05-04");
    expect(res.json()).toEqual({
      rows: [
        { date: "2026-05-04", channel: "email", received: 1 },
        { date: "2026-05-04", channel: "phone", received: 1 },
        { date: "2026-05-04", channel: "zalo", received: 1 },
      ],
    });
  });

  it("lists recent periods, closed ones frozen", async () => {
    const res = await get(coordinator, "/api/v1/reports/periodic");
    const list = res.json<{ reports: { kind: string; period: string; frozen: boolean }[] }>().reports;
    expect(list).toContainEqual(
      expect.objectContaining({ kind: "monthly", period: "2026-05", frozen: true }),
    );
    expect(list).toContainEqual(
      expect.objectContaining({ kind: "monthly", period: "2026-06", frozen: false }),
    );
    expect(list).toContainEqual(
      expect.objectContaining({ kind: "quarterly", period: "2026-Q2", frozen: false }),
    );
    expect(list).toContainEqual(expect.objectContaining({ kind: "yearly", period: "2025", frozen: true }));
  });
});

/** The summary sheet's label → value rows. */
async function xlsxTotals(body: Buffer): Promise<Record<string, unknown>> {
  const rows = (await sheets(body)).get("Tổng hợp") ?? [];
  return Object.fromEntries(
    rows.filter(([k, v]) => typeof k === "string" && v !== undefined).map(([k, v]) => [k, v]),
  );
}

describe("periodic reports", () => {
  it("a closed month is frozen: later edits to its data do not change it", async () => {
    const first = await get(coordinator, "/api/v1/reports/monthly/2026-05.xlsx");
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers["x-report-frozen"]).toBe("true");
    const before = await xlsxTotals(first.rawPayload);
    expect(before["Yêu cầu tiếp nhận"]).toBe(10);
    expect(before["Trả lời đúng hạn"]).toBe(1);

    // Later: a late-imported request of May, and an answer recorded for the open slip R07.
    await build(lateMayRequest);
    const live = byKey(await rowsOf("from=2026-05-01&to=2026-05-31"), "all");
    expect(live.received).toBe(11);
    expect(live.onTime).toBe(2);

    const again = await get(coordinator, "/api/v1/reports/monthly/2026-05.xlsx");
    const after = await xlsxTotals(again.rawPayload);
    expect(after).toEqual(before);
    // The stored row cannot be changed either (trigger).
    await expect(t.ctx.db.execute(sql`update reports set data = '{}'::jsonb`)).rejects.toThrow();
  });

  it("an open period is computed live and not stored", async () => {
    const res = await get(coordinator, "/api/v1/reports/quarterly/2026-Q2.xlsx");
    expect(res.statusCode).toBe(200);
    expect(res.headers["x-report-frozen"]).toBe("false");
    const stored = await one<{ n: number }>(
      sql`select count(*)::int as n from reports where period = '2026-Q2'`,
    );
    expect(stored.n).toBe(0);
  });

  it("the XLSX says when its figures were made as Vietnamese writes it, not as an ISO timestamp", async () => {
    // Thirty-seventh session's walk: «Số liệu tạm tính lúc 2026-12-06T22:58:10.935+07:00».
    const madeLine = async (url: string) =>
      String((await sheets((await get(coordinator, url)).rawPayload)).get("Tổng hợp")?.[3]?.[0]);
    const when = /\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/.source;
    expect(await madeLine("/api/v1/reports/monthly/2026-05.xlsx")).toMatch(
      new RegExp(`^Số liệu chốt lúc ${when} \\(không thay đổi\\)$`),
    );
    expect(await madeLine("/api/v1/reports/quarterly/2026-Q2.xlsx")).toMatch(
      new RegExp(`^Số liệu tạm tính lúc ${when}, kỳ báo cáo chưa kết thúc$`),
    );
  });

  it.each([
    "/api/v1/reports/monthly/2026-13.pdf",
    "/api/v1/reports/monthly/2026-3.pdf",
    "/api/v1/reports/quarterly/2026-Q5.xlsx",
    "/api/v1/reports/yearly/26.xlsx",
    "/api/v1/reports/yearly/2026.doc",
    "/api/v1/reports/weekly/2026-W01.pdf",
  ])("bad period %s → 400", async (url) => {
    const res = await get(coordinator, url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION");
  });

  it("a period yet to begin is refused, not rendered as a report of zeros under way", async () => {
    // Thirty-ninth session's walk: July 2026 on 15 June gave a PDF of zeros «số liệu tạm tính».
    for (const url of ["/api/v1/reports/monthly/2026-07.pdf", "/api/v1/reports/quarterly/2026-Q3.xlsx"]) {
      const res = await get(coordinator, url);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: "period", code: "not_started" });
    }
    expect((await get(coordinator, "/api/v1/reports/yearly/2027.pdf")).json().error.message).toBe(
      "Kỳ báo cáo năm 2027 chưa bắt đầu (từ ngày 01/01/2027).",
    );
    // The period under way is still computed live.
    expect((await get(coordinator, "/api/v1/reports/monthly/2026-06.pdf")).statusCode).toBe(200);
  });

  it("a leader's download holds their agency only", async () => {
    const res = await get(leader, "/api/v1/reports/monthly/2026-05.xlsx");
    expect(res.statusCode).toBe(200);
    const totals = await xlsxTotals(res.rawPayload);
    expect(totals["Chuyển cơ quan (phiếu chuyển)"]).toBe(3); // SYT's May slips R03, R07, R08 (frozen before R99)
  });

  it("ranks agencies only: requests never forwarded are shown apart, in the XLSX and the PDF alike", async () => {
    // Thirty-fifth session: «Chưa chuyển cơ quan» was a row of the agencies' table, as if an agency.
    const xlsx = await get(coordinator, "/api/v1/reports/monthly/2026-05.xlsx");
    const stored = await one<{ data: ReportData }>(
      sql`select data from reports where period_kind = 'monthly' and period = '2026-05'`,
    );
    const none = stored.data.byAgency.find((r) => r.key === "-");
    expect(none?.received).toBeGreaterThan(0);
    const rows = (await sheets(xlsx.rawPayload)).get("Theo cơ quan") ?? [];
    const labels = rows.map((row) => row[0]);
    const agencies = stored.data.byAgency.filter((r) => r.key !== "-").map((r) => r.label);
    expect(agencies.length).toBeGreaterThan(0);
    // The table: its header and the agencies; then, after a blank row, the requests not forwarded.
    expect(labels.slice(0, agencies.length + 1)).toEqual(["Cơ quan", ...agencies]);
    expect(labels).not.toContain("Chưa chuyển cơ quan");
    expect(rows[agencies.length + 1]).toEqual([]);
    expect(String(rows[agencies.length + 2]?.[0])).toMatch(/^Yêu cầu không chuyển cơ quan nào/);
    expect(rows[agencies.length + 3]).toEqual(["Tiếp nhận", none?.received]);

    const pdf = await get(coordinator, "/api/v1/reports/monthly/2026-05.pdf");
    const flat = pdfText(pdf.rawPayload);
    expect(flat).toContain(`${none?.received} yêu cầu không chuyển cơ quan nào`);
    // The PDF's satisfaction table may name the group; the on-time table does not.
    const onTimeTable = flat.slice(flat.indexOf("1. Theo cơ quan"), flat.indexOf("2. Theo lĩnh vực"));
    expect(onTimeTable).not.toContain("Chưa chuyển cơ quan");
    // The wire contract is unchanged (the "-" row stays, as before); the OpenAPI document says what it is.
    const api = await get(coordinator, "/api/openapi.json");
    expect(api.body).toContain(
      "requests never forwarded to any agency (not an agency, not ranked for timeliness)",
    );
  });

  it("satisfaction by agency too: the rated requests never forwarded are apart, in the XLSX and the PDF", async () => {
    // Thirty-sixth session: the sheet «Mức hài lòng» and the PDF's section III listed them as an agency.
    await get(coordinator, "/api/v1/reports/monthly/2026-05.xlsx"); // freezes May if no test did yet
    const stored = await one<{ data: ReportData }>(
      sql`select data from reports where period_kind = 'monthly' and period = '2026-05'`,
    );
    const rated = { feedbackCount: 4, feedbackResolved: 3, resolvedRate: 0.75, ratingAvg: 4.5 };
    const data: ReportData = {
      ...stored.data,
      byAgency: stored.data.byAgency.map((r) => ({ ...r, ...rated })),
    };
    const agencies = data.byAgency.filter((r) => r.key !== "-").map((r) => r.label);
    expect(agencies.length).toBeGreaterThan(0);

    const rows = (await sheets(await renderXlsx(data, t.ctx.config, true))).get("Mức hài lòng") ?? [];
    const byAgency = rows.filter((r) => r[0] === "Cơ quan").map((r) => r[1]);
    expect(byAgency).toEqual(agencies);
    expect(rows.flat()).not.toContain("Chưa chuyển cơ quan");
    const apart = rows.at(-1);
    expect(String(apart?.[1])).toMatch(/^Yêu cầu không chuyển cơ quan nào/);
    expect(apart?.slice(2)).toEqual([4, 3, 1, "75,0%", "4,50"]);

    const flat = pdfText(await renderPdf(data, t.ctx.config, true));
    const section = flat.slice(flat.indexOf("III. MỨC ĐỘ HÀI LÒNG"), flat.indexOf("IV. "));
    for (const name of agencies) expect(section).toContain(name);
    expect(section).not.toContain("Chưa chuyển cơ quan");
    expect(section).toContain(
      "Yêu cầu không chuyển cơ quan nào (tổng đài trả lời, không tính là cơ quan): 4 ý kiến",
    );
  });

  it("the PDF follows Decree 30 and keeps Vietnamese text intact (pages rendered to PNG)", async () => {
    mkdirSync("test-results/reports", { recursive: true });
    for (const url of ["/api/v1/reports/monthly/2026-05.pdf", "/api/v1/reports/yearly/2026.pdf"]) {
      const res = await get(coordinator, url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      const doc = mupdf.Document.openDocument(res.rawPayload, "application/pdf");
      let text = "";
      const name = url.split("/").slice(-2).join("-").replace(".pdf", "");
      for (let i = 0; i < doc.countPages(); i++) {
        const page = doc.loadPage(i);
        const png = page
          .toPixmap(mupdf.Matrix.scale(1.5, 1.5), mupdf.ColorSpace.DeviceRGB, false, true)
          .asPNG();
        writeFileSync(`test-results/reports/${name}-p${i + 1}.png`, png);
        text += page.toStructuredText("preserve-whitespace").asText();
      }
      const flat = text.replace(/\s+/g, " ");
      expect(flat).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      expect(flat).toContain("Độc lập - Tự do - Hạnh phúc");
      expect(flat).toContain("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH THANH HÓA");
      expect(flat).toContain("BÁO CÁO");
      expect(flat).toContain("Nơi nhận:");
      expect(flat).toContain("Thanh Hóa, ngày");
      expect(flat).toContain("Tình hình tiếp nhận, xử lý và trả lời yêu cầu");
      expect(flat).toMatch(/Sở Y tế/);
    }
  });
});
