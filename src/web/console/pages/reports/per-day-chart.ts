import type { EChartsCoreOption } from "echarts/core";
import { vnDateOf } from "../../../../shared/time.js";
import type { SeriesResponse } from "../../api/reports.js";
import { daysOf, type Period } from "./period.js";

/** On a phone (issue 18): legends scroll on one line above the plot instead of covering it. */
export const legend = { type: "scroll", top: 0, left: 0, right: 0 };

/**
 * A plot area whose axis labels stay inside the given margins, the ECharts 6 way: the deprecated
 * `containLabel: true` printed a warning without `use(LegacyGridContainLabel)`. `outerBoundsMode:
 * "same"` with `outerBoundsContain: "axisLabel"` is what ECharts documents as its equivalent.
 */
export function gridWithLabels(box: { left: number; right: number; top: number; bottom: number }) {
  return { ...box, outerBoundsMode: "same", outerBoundsContain: "axisLabel" } as const;
}

/**
 * The "received per day by channel" chart: one line a channel over every day of the period, a day
 * without requests at 0. Straight segments and a y axis from 0: counts are whole and never
 * negative, and a smoothed curve sagged between days towards and below the axis next to a busy day.
 * Days after `today` (YYYY-MM-DD, Vietnam's day, as the report counts days) keep their place on the axis but have no point: drawn at 0, the
 * current month or year read as if every line fell to nothing tomorrow.
 */
export function perDayChartOption(
  period: Period,
  rows: SeriesResponse["rows"],
  channelName: (channel: string) => string,
  today: string = vnDateOf(new Date()),
): EChartsCoreOption {
  const days = daysOf(period);
  const channels = [...new Set(rows.map((r) => r.channel))].sort();
  return {
    tooltip: { trigger: "axis" },
    legend,
    grid: gridWithLabels({ left: 8, right: 16, top: 40, bottom: 8 }),
    xAxis: { type: "category", data: days.map((d) => `${d.slice(8)}/${d.slice(5, 7)}`) },
    // The first day's label, centred under its day, hangs left of the y axis: its counts stand
    // further off so the two do not meet ("0 01/12" read as one on a phone).
    yAxis: { type: "value", min: 0, minInterval: 1, axisLabel: { margin: 20 } },
    series: channels.map((channel) => {
      const count = new Map(rows.filter((r) => r.channel === channel).map((r) => [r.date, r.received]));
      return {
        type: "line",
        name: channelName(channel),
        data: days.map((d) => (d > today ? null : (count.get(d) ?? 0))),
      };
    }),
  };
}
