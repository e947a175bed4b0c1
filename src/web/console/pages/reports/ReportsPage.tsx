import { Button, Col, DatePicker, Form, Grid, Row, Select, Space, Table } from "antd";
import type { ColumnsType, ColumnType } from "antd/es/table";
import dayjs from "dayjs";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { channels } from "../../../../shared/request-status.js";
import {
  agenciesApart,
  type ReportFilters,
  reportGroupBy,
  type SummaryRow,
} from "../../../../shared/schemas/reports.js";
import { useSeries, useSummary } from "../../api/reports.js";
import { useCan, useMe } from "../../api/session.js";
import { AgencySelect, FieldSelect } from "../../components/DirectorySelects.js";
import { Page, SectionCard } from "../../components/Page.js";
import { ScrollStop } from "../../components/ScrollStop.js";
import { ErrorState } from "../../components/States.js";
import { type Filters, useReportAddress } from "./address.js";
import { MassEventFigures } from "./MassEventFigures.js";
import { quickPeriod, quickPeriods } from "./period.js";
import { ReportCharts } from "./ReportCharts.js";
import { ReportDownloads } from "./ReportDownloads.js";

const numberKeys = [
  "received",
  "forwarded",
  "answered",
  "onTime",
  "late",
  "openOverdue",
  // Fourteenth session: closed without an answer after the due time (late, in the on-time rate).
  "returnedLate",
  "published",
  "answeredByOperator",
  "suggested",
  "suggestedThenOperator",
  "refused",
  "escalated",
  "returned",
  "progressUpdates",
  "missedAppointments",
  // Issue 19: the requesters' feedback given in the period.
  "feedbackCount",
] as const;

/**
 * Each figure's column: wide enough that its heading breaks between words, never inside one
 * («Chuyển cơ quan» broke as «Chuy|ển» in columns of 75 px), with its sort arrows beside it.
 */
const FIGURE_WIDTH = 124;

/**
 * Figures for any period and filter (Art. 11, 13.3, 16): a table by the chosen grouping, three
 * charts, periodic reports and the extraction. The server scopes an agency leader to their agency.
 */
export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  // A leader's figures are their agency's (the server scopes them): the filter shows it, fixed, and
  // offers no other agency, which the server would refuse (thirty-seventh session's walk).
  const ownAgency = useMe().data?.user.agencyId;
  // Kept in the address: a reload or Back opens the same figures (thirty-ninth session's walk).
  const { period, filters, groupBy, setPeriod, setFilter, setGroupBy } = useReportAddress();
  const query: ReportFilters = useMemo(() => ({ ...period, ...filters }), [period, filters]);
  const summary = useSummary({ ...query, groupBy });
  const byAgency = useSummary({ ...query, groupBy: "agency" });
  const series = useSeries(query);

  const locale = i18n.language === "en" ? "en" : "vi";
  const percent = (v: number | null) =>
    v === null ? "—" : v.toLocaleString(locale, { style: "percent", maximumFractionDigits: 1 });
  const hours = (v: number | null) =>
    v === null ? "—" : v.toLocaleString(locale, { maximumFractionDigits: 1 });
  const narrow = Grid.useBreakpoint().md === false;
  const columns: ColumnsType<SummaryRow> = [
    {
      title: t(groupBy === "none" ? "reports.col.label" : `reports.groups.${groupBy}`),
      dataIndex: "label",
      fixed: "left",
      // On a phone the name leaves room for a figure and a half: the column cut at the edge says
      // that more lie to the side (thirty-sixth session: only «Cơ quan» and «Tiếp nhận» showed).
      width: narrow ? 140 : 220,
    },
    ...numberKeys.map((key) => ({
      title: t(`reports.col.${key}`),
      dataIndex: key,
      align: "right" as const,
      width: FIGURE_WIDTH,
      sorter: (a: SummaryRow, b: SummaryRow) => a[key] - b[key],
    })),
    {
      title: t("reports.col.onTimeRate"),
      dataIndex: "onTimeRate",
      align: "right",
      width: FIGURE_WIDTH,
      render: percent,
      sorter: (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1),
    },
    {
      title: t("reports.col.resolvedRate"),
      dataIndex: "resolvedRate",
      align: "right",
      width: FIGURE_WIDTH,
      render: percent,
      sorter: (a, b) => (a.resolvedRate ?? -1) - (b.resolvedRate ?? -1),
    },
    {
      title: t("reports.col.ratingAvg"),
      dataIndex: "ratingAvg",
      align: "right",
      width: FIGURE_WIDTH,
      render: (v: number | null) => (v === null ? "—" : `${v.toLocaleString(locale)}/5`),
    },
    {
      title: t("reports.col.medianHours"),
      dataIndex: "medianHours",
      align: "right",
      width: FIGURE_WIDTH,
      render: hours,
    },
    {
      title: t("reports.col.p90Hours"),
      dataIndex: "p90Hours",
      align: "right",
      width: FIGURE_WIDTH,
      render: hours,
    },
  ];
  // Thirty-fifth session: by agency, the requests never forwarded are a line of their own under the
  // agencies (never sorted among them), as in the XLSX/PDF reports.
  const rows = summary.data?.rows ?? [];
  const { agencies, notForwarded } = groupBy === "agency" ? agenciesApart(rows) : { agencies: rows };
  const apartRow = (row: SummaryRow) => (
    <Table.Summary.Row className="report-not-forwarded">
      {(columns as ColumnType<SummaryRow>[]).map((c, i) => {
        const value = i === 0 ? t("reports.notForwardedRow") : row[c.dataIndex as keyof SummaryRow];
        return (
          <Table.Summary.Cell key={String(c.dataIndex)} index={i} align={c.align}>
            {(i > 0 && c.render ? c.render(value, row, 0) : value) as ReactNode}
          </Table.Summary.Cell>
        );
      })}
    </Table.Summary.Row>
  );
  // Each filter's select: its id for the label, cleared to "all", the chosen value kept in `filters`.
  const filterProps = <K extends keyof Filters>(key: K) => ({
    id: `report-${key}`,
    allowClear: true,
    placeholder: t("reports.all"),
    value: filters[key],
    onChange: (value: Filters[K] | undefined) => setFilter(key, value),
  });

  // On a phone the period comes first and the other filters fold behind one button, so the figures
  // are on the first screen (issue 18); the button says how many filters are set.
  const [moreShown, setMoreShown] = useState(false);
  const active =
    Object.values(filters).filter((v) => v !== undefined).length + (groupBy === "agency" ? 0 : 1);
  const showMore = !narrow || moreShown;

  return (
    <Page title={t("reports.title")}>
      <SectionCard title={t("reports.filters")}>
        <Form layout="vertical">
          <Row gutter={12} id="report-more-filters">
            <Col xs={24} lg={10}>
              <Form.Item label={t("reports.period")} htmlFor="report-from">
                <Space direction="vertical" style={{ width: "100%" }}>
                  <DatePicker.RangePicker
                    id={{ start: "report-from", end: "report-to" }}
                    format="DD/MM/YYYY"
                    allowClear={false}
                    placeholder={[t("reports.from"), t("reports.to")]}
                    value={[dayjs(period.from), dayjs(period.to)]}
                    onChange={(range) => {
                      const [from, to] = range ?? [];
                      if (from && to)
                        setPeriod({ from: from.format("YYYY-MM-DD"), to: to.format("YYYY-MM-DD") });
                    }}
                  />
                  <Space wrap size={4}>
                    {quickPeriods.map((q) => (
                      <Button key={q} size="small" onClick={() => setPeriod(quickPeriod(q))}>
                        {t(`reports.${q}`)}
                      </Button>
                    ))}
                  </Space>
                </Space>
              </Form.Item>
              {narrow && (
                <Button
                  type="link"
                  style={{ paddingInline: 0, marginTop: -8 }}
                  aria-expanded={moreShown}
                  aria-controls="report-more-filters"
                  onClick={() => setMoreShown((v) => !v)}
                >
                  {moreShown ? t("reports.fewerFilters") : t("reports.moreFilters", { count: active })}
                </Button>
              )}
            </Col>
            {showMore && (
              <>
                <FilterCol id="report-agency" label={t("reports.agency")} md={12} lg={7}>
                  <AgencySelect valueBy="code" fixedTo={ownAgency} {...filterProps("agency")} />
                </FilterCol>
                <FilterCol id="report-field" label={t("reports.field")} md={12} lg={7}>
                  <FieldSelect {...filterProps("field")} />
                </FilterCol>
                <FilterCol id="report-channel" label={t("reports.channel")} md={8}>
                  <Select<Filters["channel"]>
                    {...filterProps("channel")}
                    options={channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
                  />
                </FilterCol>
                <FilterCol id="report-urgency" label={t("reports.urgency")} md={8}>
                  <Select<Filters["urgency"]>
                    {...filterProps("urgency")}
                    options={(["normal", "urgent"] as const).map((u) => ({
                      value: u,
                      label: t(`reports.${u}`),
                    }))}
                  />
                </FilterCol>
                <FilterCol id="report-group" label={t("reports.groupBy")} md={8}>
                  <Select<typeof groupBy>
                    id="report-group"
                    value={groupBy}
                    onChange={setGroupBy}
                    options={reportGroupBy.map((g) => ({ value: g, label: t(`reports.groups.${g}`) }))}
                  />
                </FilterCol>
              </>
            )}
          </Row>
        </Form>
      </SectionCard>
      {summary.isError ? (
        <ErrorState
          error={summary.error}
          what={t("reports.summary")}
          onRetry={() => void summary.refetch()}
        />
      ) : (
        <ScrollStop>
          <Table<SummaryRow>
            size="small"
            rowKey="key"
            title={() => <h2 className="card-title">{t("reports.summary")}</h2>}
            loading={summary.isPending}
            dataSource={agencies}
            summary={() => notForwarded && apartRow(notForwarded)}
            columns={columns}
            locale={{ emptyText: t("reports.empty") }}
            pagination={agencies.length > 30 ? { pageSize: 30 } : false}
            scroll={{ x: columns.reduce((sum, column) => sum + Number(column.width ?? 0), 0) }}
          />
        </ScrollStop>
      )}
      <MassEventFigures period={period} />
      {series.isError ? (
        <ErrorState
          error={series.error}
          what={t("reports.charts.perDay")}
          onRetry={() => void series.refetch()}
        />
      ) : (
        <ReportCharts period={period} series={series.data} byAgency={byAgency.data} />
      )}
      <ReportDownloads filters={query} canExtract={can("report.extract")} />
    </Page>
  );
}

/** One filter in the row: its label tied to the input by id, a column wide on larger screens. */
function FilterCol({
  id,
  label,
  md,
  lg,
  children,
}: {
  id: string;
  label: string;
  md: number;
  lg?: number;
  children: ReactNode;
}) {
  return (
    <Col xs={24} md={md} lg={lg}>
      <Form.Item label={label} htmlFor={id}>
        {children}
      </Form.Item>
    </Col>
  );
}
