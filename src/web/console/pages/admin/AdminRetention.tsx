import { Alert, Button, Card, Space } from "antd";
import { useTranslation } from "react-i18next";
import { type RetentionRecordType, retentionBody } from "../../../../shared/schemas/data-rights.js";
import { type Retention, useRetention, useRunRetention, useSaveRetention } from "../../api/data-rights.js";
import { useAttempt } from "../../components/attempt.js";
import { formatTime } from "../../components/Badges.js";
import { Page, PlainTable } from "../../components/Page.js";
import { Unanswered } from "../../components/States.js";
import { TableForm } from "../../components/TableForm.js";

type Setting = Retention["settings"][number];
type Run = Retention["runs"][number];

// A period's rule comes from the shared body schema (whole days, 1 to 36,500), as the server checks it.
const daysSchema = retentionBody.shape.settings.element.shape.days;

/** Retention periods per record type (administrators; the server audits each change) and the recent runs. */
export default function AdminRetention() {
  const { t } = useTranslation();
  const attempt = useAttempt();
  const retention = useRetention();
  const save = useSaveRetention();
  const runNow = useRunRetention();

  if (retention.data === undefined) return <Unanswered query={retention} what={t("retention.title")} />;
  const submit = async (days: Record<RetentionRecordType, number>) => {
    const settings = retention.data.settings.map((s) => ({
      recordType: s.recordType,
      days: days[s.recordType],
    }));
    await attempt(save, { settings }, t("retention.saved"));
  };
  const run = async () => {
    await attempt(runNow, undefined, t("retention.ran"));
  };

  return (
    <Page
      title={t("retention.title")}
      extra={
        <Button loading={runNow.isPending} onClick={() => void run()}>
          {t("retention.runNow")}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t("retention.intro")} />
      <TableForm<Setting, RetentionRecordType>
        rows={retention.data.settings}
        numberOf={(s) => s.days}
        onSave={(days) => void submit(days)}
        error={save.error ?? runNow.error}
        saving={save.isPending}
        saveLabel={t("retention.save")}
        rowKey="recordType"
        number={{
          title: t("retention.days"),
          width: 160,
          rowName: (s) => t(`retention.types.${s.recordType}`),
          schema: daysSchema,
          input: { min: daysSchema.minValue ?? undefined, max: daysSchema.maxValue ?? undefined },
        }}
        columns={(days) => [
          {
            title: t("retention.recordType"),
            dataIndex: "recordType",
            render: (r: RetentionRecordType) => t(`retention.types.${r}`),
          },
          days,
          { title: t("retention.basis"), dataIndex: "basis" },
          { title: t("retention.updatedAt"), dataIndex: "updatedAt", width: 170, render: formatTime },
        ]}
      />
      <Card size="small" title={t("retention.runs")}>
        <PlainTable<Run>
          rowKey="id"
          dataSource={retention.data.runs}
          columns={[
            { title: t("retention.ranAt"), dataIndex: "ranAt", width: 170, render: formatTime },
            {
              title: t("retention.counts"),
              dataIndex: "counts",
              render: (counts: Run["counts"]) => (
                <Space size={12} wrap>
                  {Object.entries(counts).map(([k, n]) => (
                    <span key={k}>
                      {t(`retention.records.${k}`, { defaultValue: k })}: {n}
                    </span>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Page>
  );
}
