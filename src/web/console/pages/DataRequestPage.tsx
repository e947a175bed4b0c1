import { Alert, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  type DataRequestDetail,
  dataRequestKindLabels,
  dataRequestStatusLabels,
  decideBody,
  refuseDataRequestBody,
} from "../../../shared/schemas/data-rights.js";
import { dataExportUrl, useDataRequest, useDataRequestStep } from "../api/data-rights.js";
import { useAttempt } from "../components/attempt.js";
import { formatTime } from "../components/Badges.js";
import { TextAndButton } from "../components/FormItems.js";
import { Page, PlainTable } from "../components/Page.js";
import { Unanswered } from "../components/States.js";
import { limitCount, optionalTextRule } from "../components/zodRule.js";

type PersonRequest = DataRequestDetail["requests"][number];

/** One data subject's request: who, the deadlines, their requests, and the steps the server allows now. */
export default function DataRequestPage() {
  const { t } = useTranslation();
  const attempt = useAttempt();
  const { id = "" } = useParams();
  const one = useDataRequest(id);
  const step = useDataRequestStep(id);
  const [note] = Form.useForm<{ note?: string }>();

  if (one.data === undefined) return <Unanswered query={one} what={t("dataRights.title")} />;
  const c = one.data;
  const run = async (s: "acknowledge" | "execute" | "refuse", body: Record<string, unknown>) => {
    await attempt(step, { step: s, body: { version: c.version, ...body } }, t("dataRights.done"));
  };

  return (
    <Page
      title={`${t("dataRights.title")} ${c.code}`}
      extra={<Link to="/data-requests">{t("dataRights.back")}</Link>}
    >
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t("dataRights.kind")}>{dataRequestKindLabels[c.kind]}</Descriptions.Item>
          <Descriptions.Item label={t("dataRights.status")}>
            {dataRequestStatusLabels[c.status]} <Tag>{t(`dataRights.dueStates.${c.dueState}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t("dataRights.fullName")}>{c.subject.fullName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("dataRights.phone")}>{c.subject.phone ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("dataRights.email")}>{c.subject.email ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("dataRights.chatId")}>
            {c.subject.chat ? `${c.subject.chat.channel}: ${c.subject.chat.externalId}` : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("dataRights.replyChannel")}>
            {t(`dataRights.replyChannels.${c.reply.channel}`)} {c.reply.to ?? ""}
          </Descriptions.Item>
          <Descriptions.Item label={t("dataRights.receivedAt")}>{formatTime(c.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t("dataRights.ackDueAt")}>{formatTime(c.ackDueAt)}</Descriptions.Item>
          <Descriptions.Item label={t("dataRights.dueAt")}>{formatTime(c.dueAt)}</Descriptions.Item>
          {c.details && <Descriptions.Item label={t("dataRights.details")}>{c.details}</Descriptions.Item>}
          {Object.keys(c.corrections).length > 0 && (
            <Descriptions.Item label={t("dataRights.corrections")}>
              {Object.entries(c.corrections)
                .map(([k, v]) => `${k}: ${v}`)
                .join("; ")}
            </Descriptions.Item>
          )}
          {c.decisionNote && (
            <Descriptions.Item label={t("dataRights.decision")}>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                {c.decisionNote}
              </Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title={t("dataRights.requests")}>
        <PlainTable<PersonRequest>
          rowKey="id"
          dataSource={c.requests}
          columns={[
            {
              title: t("dataRights.code"),
              dataIndex: "code",
              render: (code: string, r) => <Link to={`/requests/${r.id}`}>{code}</Link>,
            },
            { title: t("dataRights.status"), dataIndex: "status" },
            { title: t("dataRights.receivedAt"), dataIndex: "receivedAt", render: formatTime },
            {
              title: "",
              key: "flags",
              render: (_: unknown, r) => (
                <Space size={4} wrap>
                  {r.anonymised && <Tag>{t("dataRights.anonymised")}</Tag>}
                  {r.restricted && <Tag color="orange">{t("dataRights.restricted")}</Tag>}
                  {r.legalHold && <Tag color="red">{t("dataRights.legalHold")}</Tag>}
                  {!r.publishConsent && <Tag>{t("dataRights.noPublish")}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small">
        <Space direction="vertical" style={{ width: "100%" }}>
          {c.can.includes("acknowledge") && (
            <Button type="primary" loading={step.isPending} onClick={() => void run("acknowledge", {})}>
              {t("dataRights.acknowledge")}
            </Button>
          )}
          {c.can.includes("execute") && (
            <Form
              form={note}
              onFinish={(v) => void run("execute", v.note?.trim() ? { note: v.note.trim() } : {})}
            >
              <Form.Item name="note" rules={[optionalTextRule(decideBody.shape.note)]}>
                <Input.TextArea
                  aria-label={t("dataRights.note")}
                  placeholder={t("dataRights.note")}
                  count={limitCount(decideBody.shape.note)}
                  rows={2}
                />
              </Form.Item>
              <Popconfirm title={t("dataRights.confirmExecute")} onConfirm={() => note.submit()}>
                <Button type="primary" loading={step.isPending}>
                  {t("dataRights.execute")}
                </Button>
              </Popconfirm>
            </Form>
          )}
          {c.can.includes("refuse") && (
            <TextAndButton
              label={t("dataRights.refuseReason")}
              schema={refuseDataRequestBody.shape.reason}
              button={t("dataRights.refuse")}
              loading={step.isPending}
              danger
              onSend={(reason) => void run("refuse", { reason })}
            />
          )}
          <a href={dataExportUrl(c.id)} download>
            {t("dataRights.export")}
          </a>
          {step.error && <Alert type="error" showIcon role="alert" title={step.error.message} />}
        </Space>
      </Card>
    </Page>
  );
}
