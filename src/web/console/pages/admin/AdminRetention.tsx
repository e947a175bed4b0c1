import { Alert, App, Button, Card, Form, InputNumber, Space } from "antd";
import { useTranslation } from "react-i18next";
import type { RetentionRecordType } from "../../../../shared/schemas/data-rights.js";
import { type Retention, useRetention, useRunRetention, useSaveRetention } from "../../api/data-rights.js";
import { formatTime } from "../../components/Badges.js";
import { Page, PlainTable } from "../../components/Page.js";
import { ErrorState, Loading } from "../../components/States.js";
import { TableForm } from "../../components/TableForm.js";

type Setting = Retention["settings"][number];
type Run = Retention["runs"][number];
type Values = Record<RetentionRecordType, number | null>;

/** Retention periods per record type (administrators; the server audits each change) and the recent runs. */
export default function AdminRetention() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const retention = useRetention();
  const save = useSaveRetention();
  const runNow = useRunRetention();
  const [form] = Form.useForm<Values>();

  if (retention.isPending) return <Loading />;
  if (retention.isError)
    return (
      <ErrorState
        error={retention.error}
        what={t("retention.title")}
        onRetry={() => void retention.refetch()}
      />
    );
  const rows = retention.data.settings;
  const initial = Object.fromEntries(rows.map((s) => [s.recordType, s.days])) as Values;

  const submit = async (values: Values) => {
    const settings = rows.map((s) => ({ recordType: s.recordType, days: values[s.recordType] ?? s.days }));
    const saved = await save.mutateAsync({ settings }).catch(() => null);
    if (saved) void message.success(t("retention.saved"));
  };
  const run = async () => {
    const done = await runNow.mutateAsync().catch(() => null);
    if (done) void message.success(t("retention.ran"));
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
      <TableForm<Setting, Values>
        form={form}
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        error={save.error ?? runNow.error}
        saving={save.isPending}
        saveLabel={t("retention.save")}
        rowKey="recordType"
        dataSource={rows}
        columns={[
          {
            title: t("retention.recordType"),
            dataIndex: "recordType",
            render: (r: RetentionRecordType) => t(`retention.types.${r}`),
          },
          {
            title: t("retention.days"),
            key: "days",
            width: 160,
            render: (_: unknown, s) => (
              <Form.Item
                name={s.recordType}
                rules={[{ required: true, type: "integer", min: 1, max: 36500 }]}
                style={{ margin: 0 }}
              >
                <InputNumber
                  aria-label={`${t("retention.days")}: ${t(`retention.types.${s.recordType}`)}`}
                  min={1}
                  max={36500}
                />
              </Form.Item>
            ),
          },
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
                      {k}: {n}
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
