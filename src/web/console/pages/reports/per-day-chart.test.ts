import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { describe, expect, it, vi } from "vitest";
import { perDayChartOption } from "./per-day-chart.js";

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

// What ECharts prints (each warning only once per process, hence watched from the file's start).
const echartsSaid: string[] = [];
for (const level of ["log", "warn", "error"] as const) {
  const original = console[level];
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
    if (args.some((a) => String(a).includes("ECharts"))) echartsSaid.push(args.map(String).join(" "));
    else original(...args);
  });
}

/** Every x (axis 0) or y (axis 1) coordinate of a path's data (M, L and C points, control points included). */
function pathCoordinates(d: string, axis: 0 | 1): number[] {
  const numbers = [...d.matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((m) => Number(m[0]));
  return numbers.filter((_, i) => i % 2 === axis);
}

/** The chart drawn as the page draws it, without animation, in an SVG of this size. */
function drawn(option: ReturnType<typeof perDayChartOption>, width = 600, height = 300) {
  const chart = echarts.init(null, undefined, { renderer: "svg", ssr: true, width, height });
  chart.setOption({ ...option, animation: false });
  return chart;
}

/** The series' lines of a drawn chart (the axis and grid lines are 1 px wide). */
function seriesLines(chart: echarts.ECharts): string[] {
  return [...chart.renderToSVGString().matchAll(/<path d="([^"]+)"[^>]*stroke-width="2"/g)].map(
    ([, d]) => d ?? "",
  );
}

describe("the per-day chart of received requests", () => {
  it("joins the days with straight segments that never go below zero", () => {
    // A quiet week with one busy day: the smoothed curve sagged between days towards and onto the
    // axis, as if counts went below what was received.
    const rows = [
      { date: "2026-11-03", channel: "phone", received: 40 },
      { date: "2026-11-04", channel: "phone", received: 1 },
      { date: "2026-11-06", channel: "zalo", received: 25 },
    ];
    const chart = drawn(perDayChartOption({ from: "2026-11-01", to: "2026-11-07" }, rows, (c) => c));
    const zeroY = chart.convertToPixel({ yAxisIndex: 0 }, 0) as number;
    const lines = seriesLines(chart);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const d of lines) {
      expect(d).not.toMatch(/C/); // no Bézier curves: what is drawn between two days is a straight line
      expect(Math.max(...pathCoordinates(d, 1))).toBeLessThanOrEqual(zeroY + 0.5);
    }
    chart.dispose();
  });

  it("draws no point after today: the current month does not fall to zero tomorrow", () => {
    // Twentieth session: «Tháng này» on 4 December drew every channel at 0 from 5 to 31 December.
    const rows = [{ date: "2026-12-04", channel: "phone", received: 6 }];
    const chart = drawn(
      perDayChartOption({ from: "2026-12-01", to: "2026-12-31" }, rows, (c) => c, "2026-12-04"),
    );
    const todayX = chart.convertToPixel({ xAxisIndex: 0 }, "04/12") as number;
    const lines = seriesLines(chart);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const d of lines) {
      expect(Math.max(...pathCoordinates(d, 0))).toBeLessThanOrEqual(todayX + 0.5);
    }
    // The axis still spans the month.
    expect(chart.convertToPixel({ xAxisIndex: 0 }, "31/12") as number).toBeGreaterThan(todayX);
    chart.dispose();
  });

  it("keeps its axis labels inside the chart without ECharts' deprecated containLabel warning", () => {
    const rows = [{ date: "2026-11-03", channel: "phone", received: 1_234_567 }];
    const chart = drawn(perDayChartOption({ from: "2026-11-01", to: "2026-11-07" }, rows, (c) => c));
    chart.renderToSVGString();
    expect(echartsSaid).toEqual([]);
    // The plot starts right of the y axis' wide labels ("1,234,567") and ends inside the margins.
    const left = chart.convertToPixel({ xAxisIndex: 0 }, 0) as number;
    expect(left).toBeGreaterThan(8 + 40);
    const last = chart.convertToPixel({ xAxisIndex: 0 }, 6) as number;
    expect(last).toBeLessThanOrEqual(600 - 16);
    chart.dispose();
  });

  it("on a phone, the first day's label stands clear of the y axis' counts", () => {
    // Thirty-fourth session: at 390 px «01/12», centred under the first day, reached left under the
    // counts' column and read as "0 01/12". Measured as ECharts lays text out (its own text rects).
    const rows = [{ date: "2026-12-03", channel: "phone", received: 6 }];
    const option = perDayChartOption({ from: "2026-12-01", to: "2026-12-31" }, rows, (c) => c, "2026-12-06");
    const chart = drawn(option, 320, 280);
    const texts = [
      ...chart
        .renderToSVGString()
        .matchAll(/<text[^>]*text-anchor="(\w+)"[^>]*translate\(([\d.]+) [\d.]+\)[^>]*>([^<]*)</g),
    ].map(([, anchor, x, text]) => ({ anchor, x: Number(x), text: text ?? "" }));
    const counts = texts.filter((t) => /^\d+$/.test(t.text));
    expect(counts.map((t) => t.anchor)).toContain("end");
    const countsEnd = Math.max(...counts.map((t) => t.x));
    const first = texts.find((t) => t.text === "01/12");
    expect(first?.anchor).toBe("middle");
    const width = echarts.format.getTextRect("01/12", "12px sans-serif").width;
    expect((first?.x ?? 0) - width / 2).toBeGreaterThanOrEqual(countsEnd + 4);
    chart.dispose();
  });
});
