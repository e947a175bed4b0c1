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
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <SectionCard title={t("reports.charts.perDay")}>
          <Chart option={perDay} label={t("reports.charts.perDay")} />
        </SectionCard>
      </Col>
      <Col xs={24} xl={12}>
        <SectionCard title={t("reports.charts.onTimeByAgency")}>
          <Chart option={charts.onTime} label={t("reports.charts.onTimeByAgency")} height={agencyHeight} />
        </SectionCard>
      </Col>
      <Col xs={24} xl={12}>
        <SectionCard title={t("reports.charts.missed")}>
          <Chart option={charts.missed} label={t("reports.charts.missed")} height={agencyHeight} />
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
