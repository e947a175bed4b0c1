import type { EChartsCoreOption } from "echarts/core";
import { agenciesApart, type SummaryRow } from "../../../../shared/schemas/reports.js";
import { gridWithLabels, legend } from "./per-day-chart.js";

// On a phone (issue 18): agency names take a truncated column of their own instead of a fixed 200 px.
const agencyGrid = (top: number) => gridWithLabels({ left: 8, right: 24, top, bottom: 32 });
const agencyAxis = (names: string[], narrow: boolean) => ({
  type: "category",
  inverse: true,
  data: names,
  axisLabel: { width: narrow ? 110 : 190, overflow: "truncate" },
});

/**
 * The two charts by agency (issue 11): on-time rate and what was missed. Agencies only — the
 * requests never forwarded to one (row "-") are not an agency held to a deadline and are shown
 * apart (`notForwarded`, thirty-fifth session), by the same split as the XLSX/PDF reports.
 */
export function agencyChartOptions(rows: SummaryRow[], t: (key: string) => string, narrow: boolean) {
  const { agencies, notForwarded } = agenciesApart(rows);
  const names = agencies.map((r) => r.label);
  const onTime: EChartsCoreOption = {
    tooltip: { trigger: "axis", valueFormatter: (v: number | null) => (v === null ? "—" : `${v}%`) },
    grid: agencyGrid(16),
    xAxis: { type: "value", max: 100, name: t("reports.charts.rate"), nameLocation: "middle", nameGap: 24 },
    yAxis: agencyAxis(names, narrow),
    series: [
      {
        type: "bar",
        name: t("reports.col.onTimeRate"),
        data: agencies.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)),
        itemStyle: { color: "#389e0d" },
      },
    ],
  };
  const missed: EChartsCoreOption = {
    tooltip: { trigger: "axis" },
    legend,
    grid: agencyGrid(40),
    xAxis: { type: "value", minInterval: 1 },
    yAxis: agencyAxis(names, narrow),
    series: (["late", "openOverdue", "returnedLate", "missedAppointments"] as const).map((key, i) => ({
      type: "bar",
      stack: "missed",
      name: t(`reports.col.${key}`),
      data: agencies.map((r) => r[key]),
      itemStyle: { color: ["#fa8c16", "#cf1322", "#a8071a", "#722ed1"][i] },
    })),
  };
  // What each chart would draw nothing for (thirty-ninth session's walk: bare axes for a period
  // without data read as a chart that failed to load, and a row without a bar as 0 %).
  const rated = agencies.some((r) => r.onTimeRate !== null);
  const missedAny = agencies.some((r) => r.late + r.openOverdue + r.returnedLate + r.missedAppointments > 0);
  return { onTime, missed, count: agencies.length, notForwarded, rated, missedAny };
}
