import { describe, expect, it } from "vitest";
import type { SummaryRow } from "../../../../shared/schemas/reports.js";
import { agencyChartOptions } from "./agency-charts.js";

const row = (key: string, label: string, figures: Partial<SummaryRow> = {}) =>
  ({
    key,
    label,
    onTimeRate: null,
    late: 0,
    openOverdue: 0,
    returnedLate: 0,
    missedAppointments: 0,
    ...figures,
  }) as SummaryRow;

describe("the charts by agency (thirty-fifth session)", () => {
  it("rank agencies only; the requests never forwarded are set apart, not dropped", () => {
    const none = row("-", "Chưa chuyển cơ quan", { received: 4, answeredByOperator: 1 });
    const rows = [
      row("SXD", "Sở Xây dựng", { onTimeRate: 0.25 }),
      row("SYT", "Sở Y tế", { onTimeRate: 0.5 }),
      none,
    ];
    const charts = agencyChartOptions(rows, (k) => k, false);
    for (const option of [charts.onTime, charts.missed]) {
      expect((option.yAxis as { data: string[] }).data).toEqual(["Sở Xây dựng", "Sở Y tế"]);
    }
    expect((charts.onTime.series as { data: unknown[] }[])[0]?.data).toEqual([25, 50]);
    expect(charts.count).toBe(2);
    expect(charts.notForwarded).toBe(none);
  });
});
