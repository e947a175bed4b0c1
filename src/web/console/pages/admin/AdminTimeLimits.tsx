import { Alert, App, Form, InputNumber } from "antd";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { timeLimitsBody, type timeLimitView } from "../../../../shared/schemas/reports.js";
import { type TimeLimits, useSaveTimeLimits, useTimeLimits } from "../../api/reports.js";
import { formatTime } from "../../components/Badges.js";
import { Page } from "../../components/Page.js";
import { ErrorState, Loading } from "../../components/States.js";
import { TableForm } from "../../components/TableForm.js";
import { zodRule } from "../../components/zodRule.js";

type Limit = z.infer<typeof timeLimitView>;
type Values = Record<Limit["code"], number | null>;

// One limit's rule comes from the shared body schema (positive, at most 400 working hours).
const hoursSchema = timeLimitsBody.shape.limits.element.shape.hours;

/**
 * The regulation's time limits as stored configuration (Art. 10.3, 12.2, 13.1): administrators
 * edit them; an obligation keeps the limit in force when it arose; the server audits each change.
 */
export default function AdminTimeLimits() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const limits = useTimeLimits();
  const save = useSaveTimeLimits();
  const [form] = Form.useForm<Values>();
  const hoursRule = zodRule(hoursSchema, t("admin.required", { field: t("timeLimits.hours").toLowerCase() }));

  if (limits.isPending) return <Loading />;
  if (limits.isError)
    return (
      <ErrorState error={limits.error} what={t("timeLimits.title")} onRetry={() => void limits.refetch()} />
    );
  const rows = limits.data.limits;
  const initial = Object.fromEntries(rows.map((l) => [l.code, l.hours])) as Values;

  const submit = async (values: Values) => {
    const body = timeLimitsBody.parse({
      limits: rows.map((l) => ({ code: l.code, hours: values[l.code] ?? l.hours })),
    });
    const saved: TimeLimits | null = await save.mutateAsync(body).catch(() => null);
    if (saved) void message.success(t("timeLimits.saved"));
  };

  return (
    <Page title={t("timeLimits.title")}>
      <Alert type="info" showIcon title={t("timeLimits.intro")} />
      <TableForm<Limit, Values>
        form={form}
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        error={save.error}
        saving={save.isPending}
        saveLabel={t("timeLimits.save")}
        rowKey="code"
        dataSource={rows}
        columns={[
          {
            title: t("timeLimits.code"),
            dataIndex: "code",
            render: (code: Limit["code"]) => t(`timeLimits.codes.${code}`, { defaultValue: code }),
          },
          { title: t("timeLimits.article"), dataIndex: "article", width: 140 },
          {
            title: t("timeLimits.hours"),
            key: "hours",
            width: 200,
            render: (_: unknown, l) => (
              <Form.Item name={l.code} rules={[hoursRule]} required style={{ margin: 0 }}>
                <InputNumber
                  aria-label={`${t("timeLimits.hours")}: ${t(`timeLimits.codes.${l.code}`, { defaultValue: l.code })}`}
                  min={0}
                  step={0.5}
                  style={{ width: 120 }}
                />
              </Form.Item>
            ),
          },
          {
            title: t("timeLimits.updatedAt"),
            dataIndex: "updatedAt",
            width: 170,
            render: (v: string) => formatTime(v),
          },
        ]}
      />
    </Page>
  );
}
