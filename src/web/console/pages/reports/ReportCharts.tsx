import { Col, Grid, Row, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { SeriesResponse, SummaryResponse } from "../../api/reports.js";
import { Chart } from "../../components/Chart.js";
import { SectionCard } from "../../components/Page.js";
import { agencyChartOptions } from "./agency-charts.js";
import { perDayChartOption } from "./per-day-chart.js";
import type { Period } from "./period.js";

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

  const charts = useMemo(() => agencyChartOptions(byAgency?.rows ?? [], t, narrow), [byAgency, t, narrow]);
  const agencyHeight = Math.max(220, 60 + charts.count * 28);
  // Once the figures are in, a chart with nothing to draw says so instead of showing bare axes.
  const noneForwarded = byAgency !== undefined && charts.count === 0;
  const says = (text: string | false | undefined) =>
    text && (
      <Typography.Paragraph type="secondary" className="chart-empty">
        {text}
      </Typography.Paragraph>
    );
  const perDayEmpty = series?.rows.every((r) => r.received === 0);
  const onTimeEmpty = noneForwarded
    ? t("reports.charts.noneForwarded")
    : byAgency !== undefined && !charts.rated && t("reports.charts.noneRated");
  const missedEmpty = noneForwarded
    ? t("reports.charts.noneForwarded")
    : byAgency !== undefined && !charts.missedAny && t("reports.charts.noneMissed");
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <SectionCard title={t("reports.charts.perDay")}>
          {says(perDayEmpty && t("reports.charts.noneReceived")) || (
            <Chart option={perDay} label={t("reports.charts.perDay")} />
          )}
        </SectionCard>
      </Col>
      <Col xs={24} xl={12}>
        <SectionCard title={t("reports.charts.onTimeByAgency")}>
          {says(onTimeEmpty) || (
            <Chart option={charts.onTime} label={t("reports.charts.onTimeByAgency")} height={agencyHeight} />
          )}
        </SectionCard>
      </Col>
      <Col xs={24} xl={12}>
        <SectionCard title={t("reports.charts.missed")}>
          {says(missedEmpty) || (
            <Chart option={charts.missed} label={t("reports.charts.missed")} height={agencyHeight} />
          )}
        </SectionCard>
      </Col>
      {charts.notForwarded && (
        <Col span={24}>
          <Typography.Paragraph type="secondary" className="report-not-forwarded">
            {t("reports.notForwarded", charts.notForwarded)}
          </Typography.Paragraph>
        </Col>
      )}
    </Row>
  );
}
