import { Col, Row } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { SeriesResponse, SummaryResponse } from "../../api/reports.js";
import { Chart } from "../../components/Chart.js";
import { SectionCard } from "../../components/Page.js";
import { daysOf, type Period } from "./period.js";

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
  const perDay = useMemo<EChartsCoreOption>(() => {
    const days = daysOf(period);
    const rows = series?.rows ?? [];
    const channels = [...new Set(rows.map((r) => r.channel))].sort();
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: "category", data: days.map((d) => `${d.slice(8)}/${d.slice(5, 7)}`) },
      yAxis: { type: "value", minInterval: 1 },
      series: channels.map((channel) => {
        const count = new Map(rows.filter((r) => r.channel === channel).map((r) => [r.date, r.received]));
        return {
          type: "line",
          name: t(`channel.${channel}`, { defaultValue: channel }),
          smooth: true,
          data: days.map((d) => count.get(d) ?? 0),
        };
      }),
    };
  }, [period, series, t]);

  const agencies = useMemo(() => (byAgency?.rows ?? []).filter((r) => r.key !== "all"), [byAgency]);
  const onTime = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: "axis", valueFormatter: (v: number | null) => (v === null ? "—" : `${v}%`) },
      grid: { left: 200, right: 24, top: 16, bottom: 28 },
      xAxis: { type: "value", max: 100, name: t("reports.charts.rate"), nameLocation: "middle", nameGap: 24 },
      yAxis: { type: "category", inverse: true, data: agencies.map((r) => r.label) },
      series: [
        {
          type: "bar",
          name: t("reports.col.onTimeRate"),
          data: agencies.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)),
          itemStyle: { color: "#389e0d" },
        },
      ],
    }),
    [agencies, t],
  );
  const missed = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 200, right: 24, top: 36, bottom: 28 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: agencies.map((r) => r.label) },
      series: (["late", "openOverdue", "missedAppointments"] as const).map((key, i) => ({
        type: "bar",
        stack: "missed",
        name: t(`reports.col.${key}`),
        data: agencies.map((r) => r[key]),
        itemStyle: { color: ["#fa8c16", "#cf1322", "#722ed1"][i] },
      })),
    }),
    [agencies, t],
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
