import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { sheets } from "../../../test/downloads.js";
import { lateMayRequest, reportsFixture, specs } from "../../../test/reports.fixture.js";

/** Extraction (CSV, XLSX streamed, audited) of the reports fixture plus the late-imported R99. */
const { t, one, build, coordinator, leader, get } = await reportsFixture();
await build(lateMayRequest);
afterAll(() => t.close());

describe("extraction", () => {
  it("CSV: every request of the period, formula injection neutralised, audited", async () => {
    const res = await get(coordinator, "/api/v1/reports/extract.csv?from=2026-03-01&to=2026-05-31");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/csv/);
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(1 + specs.length + 1); // header, the fixture, R99
    expect(lines[0]).toContain("Ghi âm cuộc gọi");
    const r13 = lines.find((l) => l.startsWith("R13,")) as string;
    expect(r13).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm vào"")"`);
    const r01 = lines.find((l) => l.startsWith("R01,")) as string;
    expect(r01).toContain("https://pbx.example.vn/rec/R01.mp3");
    expect(r01).toContain("2026-05-04"); // the answer obligation met on May 4
    // Recorded in the access log (issue 14): who, what (format, filters, rows), from where.
    const entry = await one<{
      actor_id: string;
      target: string;
      ip: string;
      details: { rows: number; complete: boolean; filters: { from: string } };
    }>(
      sql`select actor_id, target, ip, details from access_log where action = 'export' order by id desc limit 1`,
    );
    expect(entry.actor_id).toBe(coordinator.me.user.id);
    expect(entry.target).toBe("csv");
    expect(entry.ip).toBe("127.0.0.1");
    expect(entry.details.rows).toBe(specs.length + 1);
    expect(entry.details.complete).toBe(true);
    expect(entry.details.filters.from).toBe("2026-03-01");
  });

  it("XLSX streams the same rows; a leader gets their agency only", async () => {
    const res = await get(leader, "/api/v1/reports/extract.xlsx?from=2026-03-01&to=2026-05-31");
    expect(res.statusCode, res.body).toBe(200);
    const [, ...rows] = (await sheets(res.rawPayload)).get("Trích xuất") ?? [];
    const codes = rows.map((row) => String(row[0]));
    expect(codes.sort()).toEqual(["R01", "R02", "R03", "R07", "R08", "R99"]);
    const other = await get(leader, "/api/v1/reports/extract.csv?from=2026-03-01&to=2026-05-31&agency=SXD");
    expect(other.statusCode).toBe(403);
  });
});
