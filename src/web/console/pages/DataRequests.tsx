import { Alert, Button, Card, Form, Input, Modal, Select, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ZodType } from "zod";
import {
  type CreateDataRequestBody,
  createDataRequestBody,
  type DataRequestView,
  dataRequestKindLabels,
  dataRequestKinds,
  dataRequestStatusLabels,
  replyChannels,
} from "../../../shared/schemas/data-rights.js";
import { useCreateDataRequest, useDataRequests } from "../api/data-rights.js";
import { useAttempt } from "../components/attempt.js";
import { formatTime } from "../components/Badges.js";
import { inPlace } from "../components/FormModal.js";
import { Page, PlainTable, readableEmpty } from "../components/Page.js";
import { RadioSegmented } from "../components/RadioSegmented.js";
import { ErrorState, Loading } from "../components/States.js";
import { limitCount, optionalTextRule } from "../components/zodRule.js";

const dueColour = { on_time: "green", due_soon: "orange", late: "red", closed: "default" } as const;

interface Values {
  kind: CreateDataRequestBody["kind"];
  fullName?: string;
  phone?: string;
  email?: string;
  chatChannel?: "zalo" | "facebook";
  chatId?: string;
  replyChannel: CreateDataRequestBody["reply"]["channel"];
  replyTo?: string;
  details?: string;
  cFullName?: string;
  cPhone?: string;
  cEmail?: string;
  cAddress?: string;
}

// The server's rules of each text the form sends (createDataRequestBody), shown under its field.
const { subject: subjectSchema, reply, details, corrections: correctionsPart } = createDataRequestBody.shape;
const subject = subjectSchema.shape;
// Optional here: the form sends the chat only when both its channel and its id are given.
const chatId = subject.chat.unwrap().shape.externalId.optional();
const replyTo = reply.shape.to;
const corrections = correctionsPart.unwrap().shape;

const blank = (v?: string) => (v?.trim() ? v.trim() : undefined);

/** The coordinator's list of data subjects' requests with their deadlines, and the intake form. */
export default function DataRequests() {
  const { t } = useTranslation();
  const attempt = useAttempt();
  const [state, setState] = useState<"open" | "closed" | "all">("open");
  const [creating, setCreating] = useState(false);
  const list = useDataRequests(state);
  const create = useCreateDataRequest();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);
  // On a phone each request's kind, person, status and deadlines stand under its code.
  const columns: ColumnsType<DataRequestView> = [
    {
      title: t("dataRights.code"),
      dataIndex: "code",
      render: (code: string, c) => <Link to={`/data-requests/${c.id}`}>{code}</Link>,
    },
    {
      title: t("dataRights.kind"),
      dataIndex: "kind",
      render: (k: DataRequestView["kind"]) => dataRequestKindLabels[k],
    },
    {
      title: t("dataRights.person"),
      key: "person",
      render: (_: unknown, c) =>
        c.subject.fullName ?? c.subject.phone ?? c.subject.email ?? c.subject.chat?.externalId,
    },
    {
      title: t("dataRights.status"),
      dataIndex: "status",
      render: (s: DataRequestView["status"]) => dataRequestStatusLabels[s],
    },
    { title: t("dataRights.receivedAt"), dataIndex: "receivedAt", render: formatTime },
    { title: t("dataRights.ackDueAt"), dataIndex: "ackDueAt", render: formatTime },
    { title: t("dataRights.dueAt"), dataIndex: "dueAt", render: formatTime },
    {
      title: t("dataRights.due"),
      dataIndex: "dueState",
      render: (d: DataRequestView["dueState"]) => (
        <Tag color={dueColour[d]}>{t(`dataRights.dueStates.${d}`)}</Tag>
      ),
    },
  ];

  const submit = async (v: Values) => {
    const corrections = {
      fullName: blank(v.cFullName),
      phone: blank(v.cPhone),
      email: blank(v.cEmail),
      address: blank(v.cAddress),
    };
    const body: CreateDataRequestBody = {
      kind: v.kind,
      subject: {
        fullName: blank(v.fullName),
        phone: blank(v.phone),
        email: blank(v.email),
        chat:
          v.chatChannel && blank(v.chatId)
            ? { channel: v.chatChannel, externalId: v.chatId?.trim() ?? "" }
            : undefined,
      },
      reply: { channel: v.replyChannel, to: blank(v.replyTo) },
      details: blank(v.details),
      corrections: v.kind === "correction" ? corrections : undefined,
    };
    if (await attempt(create, body, t("dataRights.created"))) {
      setCreating(false);
      form.resetFields();
    }
  };

  return (
    <Page
      title={t("dataRights.title")}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t("dataRights.new")}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t("dataRights.intro")} />
      <RadioSegmented
        aria-label={t("dataRights.stateLabel")}
        value={state}
        onChange={(v) => setState(v as typeof state)}
        options={[
          { value: "open", label: t("dataRights.open") },
          { value: "closed", label: t("dataRights.closed") },
          { value: "all", label: t("dataRights.all") },
        ]}
      />
      <Card size="small">
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorState error={list.error} what={t("dataRights.title")} onRetry={() => void list.refetch()} />
        ) : (
          <PlainTable<DataRequestView>
            rowKey="id"
            dataSource={list.data.items}
            locale={readableEmpty(t(`dataRights.empty.${state}`))}
            columns={columns}
            stacked
          />
        )}
      </Card>
      <Modal
        {...inPlace}
        open={creating}
        title={t("dataRights.new")}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t("dataRights.create")}
        confirmLoading={create.isPending}
        width={640}
      >
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ kind: "access", replyChannel: "email" }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="kind" label={t("dataRights.kind")} required>
            <Select options={dataRequestKinds.map((k) => ({ value: k, label: dataRequestKindLabels[k] }))} />
          </Form.Item>
          <TextItem name="fullName" label={t("dataRights.fullName")} schema={subject.fullName} />
          <TextItem name="phone" label={t("dataRights.phone")} schema={subject.phone} />
          <TextItem name="email" label={t("dataRights.email")} schema={subject.email} />
          <Form.Item name="chatChannel" label={t("dataRights.chatChannel")}>
            <Select
              allowClear
              options={[
                { value: "zalo", label: "Zalo" },
                { value: "facebook", label: "Facebook" },
              ]}
            />
          </Form.Item>
          <TextItem name="chatId" label={t("dataRights.chatId")} schema={chatId} />
          <Form.Item name="replyChannel" label={t("dataRights.replyChannel")} required>
            <Select
              options={replyChannels.map((c) => ({ value: c, label: t(`dataRights.replyChannels.${c}`) }))}
            />
          </Form.Item>
          <TextItem name="replyTo" label={t("dataRights.replyTo")} schema={replyTo} />
          <Form.Item name="details" label={t("dataRights.details")} rules={[optionalTextRule(details)]}>
            <Input.TextArea count={limitCount(details)} rows={3} />
          </Form.Item>
          {kind === "correction" && (
            <Card size="small" title={t("dataRights.corrections")}>
              <TextItem name="cFullName" label={t("dataRights.fullName")} schema={corrections.fullName} />
              <TextItem name="cPhone" label={t("dataRights.phone")} schema={corrections.phone} />
              <TextItem name="cEmail" label={t("dataRights.email")} schema={corrections.email} />
              <TextItem name="cAddress" label={t("dataRights.address")} schema={corrections.address} />
            </Card>
          )}
          {create.error && <Alert type="error" showIcon role="alert" title={create.error.message} />}
        </Form>
      </Modal>
    </Page>
  );
}

/**
 * A one-line text input of the form, checked by the server's schema of its part of the body: a text
 * over the limit is told under it, not cut unseen (`maxLength` did) and saved shortened.
 */
function TextItem({ name, label, schema }: { name: keyof Values; label: string; schema: ZodType }) {
  return (
    <Form.Item name={name} label={label} rules={[optionalTextRule(schema)]}>
      <Input />
    </Form.Item>
  );
}
