import { DownloadOutlined } from "@ant-design/icons";
import { Button, DatePicker, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PeriodKind, ReportFilters } from "../../../../shared/schemas/reports.js";
import { extractUrl, reportFileUrl } from "../../api/reports.js";
import { SectionCard } from "../../components/Page.js";
import { RadioSegmented } from "../../components/RadioSegmented.js";
import { periodName, periodParts } from "./period.js";

const pickers = { monthly: "month", quarterly: "quarter", yearly: "year" } as const;
// The chosen period as Vietnamese writes it (11/2026, Quý 4/2026), not 2026-11 or 2026-Q4.
const viFormats = { monthly: "MM/YYYY", quarterly: "[Quý] Q/YYYY", yearly: "YYYY" } as const;

/** Frozen periodic reports (XLSX, PDF) and the extraction of the period's records (Art. 11.1, 13.3). */
export function ReportDownloads({ filters, canExtract }: { filters: ReportFilters; canExtract: boolean }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<PeriodKind>("monthly");
  const [when, setWhen] = useState<Dayjs>(() => dayjs().subtract(1, "month"));
  const name = periodName(kind, when);
  const label = t(`reports.periodLabels.${kind}`, periodParts(when));
  const link = (href: string, label: string) => (
    <Button icon={<DownloadOutlined />} href={href} download>
      {label}
    </Button>
  );
  return (
    <SectionCard title={t("reports.downloads")}>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <Space wrap align="center">
          <Typography.Text strong>{t("reports.periodic")}</Typography.Text>
          <RadioSegmented<PeriodKind>
            aria-label={t("reports.kind")}
            value={kind}
            onChange={setKind}
            options={(["monthly", "quarterly", "yearly"] as const).map((k) => ({
              value: k,
              label: t(`reports.kinds.${k}`),
            }))}
          />
          <label htmlFor="report-periodic" className="visually-hidden">
            {t("reports.period")}
          </label>
          <DatePicker
            id="report-periodic"
            picker={pickers[kind]}
            format={i18n.language === "en" ? undefined : viFormats[kind]}
            value={when}
            allowClear={false}
            // A period yet to begin has no report (the server refuses it, thirty-ninth session).
            disabledDate={(d) => d.isAfter(dayjs().endOf("month"))}
            onChange={(d) => d && setWhen(d)}
          />
          {link(reportFileUrl(kind, name, "xlsx"), `${t("reports.xlsx")} (${label})`)}
          {link(reportFileUrl(kind, name, "pdf"), `${t("reports.pdf")} (${label})`)}
        </Space>
        {canExtract && (
          <Space wrap align="center">
            <Typography.Text strong>{t("reports.extract")}</Typography.Text>
            {link(extractUrl("csv", filters), t("reports.extractCsv"))}
            {link(extractUrl("xlsx", filters), t("reports.extractXlsx"))}
            <Typography.Text type="secondary">{t("reports.extractHint")}</Typography.Text>
          </Space>
        )}
      </Space>
    </SectionCard>
  );
}
