import { Col, Grid, Row } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { SeriesResponse, SummaryResponse } from "../../api/reports.js";
import { Chart } from "../../components/Chart.js";
import { SectionCard } from "../../components/Page.js";
import { gridWithLabels, legend, perDayChartOption } from "./per-day-chart.js";
import type { Period } from "./period.js";

// On a phone (issue 18): agency names take a truncated column of their own instead of a fixed 200 px.
const agencyGrid = (top: number) => gridWithLabels({ left: 8, right: 24, top, bottom: 32 });
const agencyAxis = (names: string[], narrow: boolean) => ({
  type: "category",
  inverse: true,
  data: names,
  axisLabel: { width: narrow ? 110 : 190, overflow: "truncate" },
});

/** The three charts of issue 11: received per day by channel, on-time rate and missed obligations by agency. */
export function ReportCharts({
  period,
  series,
  byAgency,
}: {
  period: Period;
  series: SeriesResponse | undefined;
  byAgency: SummaryResponse | undefined;
}) {
  const { t } = useTranslation();
  const narrow = Grid.useBreakpoint().md === false;
  const perDay = useMemo(
    () =>
      perDayChartOption(period, series?.rows ?? [], (channel) =>
        t(`channel.${channel}`, { defaultValue: channel }),
      ),
    [period, series, t],
  );

  const agencies = useMemo(() => (byAgency?.rows ?? []).filter((r) => r.key !== "all"), [byAgency]);
  const onTime = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: "axis", valueFormatter: (v: number | null) => (v === null ? "—" : `${v}%`) },
      grid: agencyGrid(16),
      xAxis: { type: "value", max: 100, name: t("reports.charts.rate"), nameLocation: "middle", nameGap: 24 },
      yAxis: agencyAxis(
        agencies.map((r) => r.label),
        narrow,
      ),
      series: [
        {
          type: "bar",
          name: t("reports.col.onTimeRate"),
          data: agencies.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)),
          itemStyle: { color: "#389e0d" },
        },
      ],
    }),
    [agencies, t, narrow],
  );
  const missed = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: "axis" },
      legend,
      grid: agencyGrid(40),
      xAxis: { type: "value", minInterval: 1 },
      yAxis: agencyAxis(
        agencies.map((r) => r.label),
        narrow,
      ),
      series: (["late", "openOverdue", "returnedLate", "missedAppointments"] as const).map((key, i) => ({
        type: "bar",
        stack: "missed",
        name: t(`reports.col.${key}`),
        data: agencies.map((r) => r[key]),
        itemStyle: { color: ["#fa8c16", "#cf1322", "#a8071a", "#722ed1"][i] },
      })),
    }),
    [agencies, t, narrow],
  );
  const agencyHeight = Math.max(220, 60 + agencies.length * 28);
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <SectionCard title={t("reports.charts.perDay")}>
          <Chart option={perDay} label={t("reports.charts.perDay")} />
        </SectionCard>
      </Col>
      <Col xs={24} xl={12}>
        <SectionCard title={t("reports.charts.onTimeByAgency")}>
          <Chart option={onTime} label={t("reports.charts.onTimeByAgency")} height={agencyHeight} />
        </SectionCard>
      </Col>
      <Col xs={24} xl={12}>
        <SectionCard title={t("reports.charts.missed")}>
          <Chart option={missed} label={t("reports.charts.missed")} height={agencyHeight} />
        </SectionCard>
      </Col>
    </Row>
  );
}
