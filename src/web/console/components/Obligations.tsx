import { Button, Form, Input, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ObligationState, type ObligationView, waiveBody } from "../../../shared/schemas/reports.js";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import { useWaive } from "../api/reports.js";
import { useCan } from "../api/session.js";
import { useAttempt } from "./attempt.js";
import { formatTime } from "./Badges.js";
import { FormModal } from "./FormModal.js";
import { PlainTable, readableEmpty, SectionCard } from "./Page.js";
import { schemaItem } from "./zodRule.js";

const stateColour: Record<ObligationState, string> = {
  open: "blue",
  due_soon: "orange",
  missed: "red",
  met_on_time: "green",
  met_late: "volcano",
  waived: "default",
};
/** A missed duty is not waivable (the server refuses: a waiver would erase its lateness). */
const waivable = new Set<ObligationState>(["open", "due_soon"]);

/** The request's obligations, when the server sends them (older servers do not). */
export function obligationsOf(detail: RequestDetail): ObligationView[] {
  const value = (detail as RequestDetail & { obligations?: ObligationView[] }).obligations;
  return Array.isArray(value) ? value : [];
}

/**
 * Every legal time limit of the request as an obligation (Art. 10.3, 12.2), with its state; the
 * coordinator may waive an unmet one with a reason (obligation.waive, audited by the server).
 */
export function Obligations({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const items = obligationsOf(detail);
  const [waiving, setWaiving] = useState<ObligationView | null>(null);
  const kind = (o: ObligationView) => t(`obligations.kinds.${o.kind}`);
  const waiver = can("obligation.waive");
  if (!("obligations" in detail)) return null;
  return (
    <SectionCard title={t("obligations.title")}>
      {/* On a phone each duty's agency, times and state stand under its kind, the waiver button beside. */}
      <PlainTable<ObligationView>
        rowKey="id"
        dataSource={items}
        locale={readableEmpty(t("obligations.none"))}
        stacked={{ trailing: waiver ? 1 : 0 }}
        columns={[
          { title: t("obligations.kind"), key: "kind", render: (_: unknown, o) => kind(o) },
          { title: t("obligations.agency"), dataIndex: "agencyName", render: (v: string | null) => v ?? "—" },
          { title: t("obligations.startsAt"), dataIndex: "startsAt", render: (v: string) => formatTime(v) },
          {
            title: t("obligations.dueAt"),
            dataIndex: "dueAt",
            render: (v: string, o) => (
              <Space direction="vertical" size={0}>
                <span>{formatTime(v)}</span>
                {o.limitHours !== null && (
                  <Typography.Text type="secondary">
                    {t("obligations.hours", { hours: o.limitHours })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t("obligations.state"),
            dataIndex: "state",
            render: (state: ObligationState, o) => (
              <Space direction="vertical" size={0}>
                <Tag color={stateColour[state]}>{t(`obligations.states.${state}`)}</Tag>
                {o.metAt && (
                  <Typography.Text type="secondary">
                    {t("obligations.metAt")}: {formatTime(o.metAt)}
                  </Typography.Text>
                )}
                {o.waiveReason && (
                  <Typography.Text type="secondary">
                    {t("obligations.waivedBecause", { reason: o.waiveReason })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          ...(waiver
            ? [
                {
                  title: t("request.actions"),
                  key: "waive",
                  width: 150,
                  render: (_: unknown, o: ObligationView) =>
                    waivable.has(o.state) ? (
                      <Button
                        size="small"
                        aria-label={`${t("obligations.waive")}: ${kind(o)}`}
                        onClick={() => setWaiving(o)}
                      >
                        {t("obligations.waive")}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {waiving && <WaiveDialog obligation={waiving} onClose={() => setWaiving(null)} />}
    </SectionCard>
  );
}

function WaiveDialog({ obligation, onClose }: { obligation: ObligationView; onClose: () => void }) {
  const { t } = useTranslation();
  const attempt = useAttempt();
  const [form] = Form.useForm<{ reason: string }>();
  const waive = useWaive(obligation.requestId);
  const submit = async (values: { reason: string }) => {
    const body = waiveBody.parse(values);
    if (await attempt(waive, { id: obligation.id, body }, t("obligations.waived"))) onClose();
  };
  return (
    <FormModal
      title={t("obligations.waiveTitle", { kind: t(`obligations.kinds.${obligation.kind}`) })}
      okText={t("action.confirm")}
      form={form}
      mutation={waive}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          {...schemaItem(
            waiveBody,
            "reason",
            t("admin.required", { field: t("obligations.waiveReason").toLowerCase() }),
          )}
          label={t("obligations.waiveReason")}
          extra={t("obligations.waiveHint")}
        >
          <Input.TextArea rows={3} autoFocus />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
