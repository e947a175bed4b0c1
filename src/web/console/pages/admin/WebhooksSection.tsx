import { Button, Drawer, Form, Input, Select, Space, Switch, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type SubscriptionBody,
  type SubscriptionView,
  type WebhookDeliveryView,
  webhookEvents,
} from "../../../../shared/schemas/integrations.js";
import { useDeliveries, useRedeliver, useSaveWebhook, useWebhooks } from "../../api/integrations.js";
import { useAttempt } from "../../components/attempt.js";
import { formatTime } from "../../components/Badges.js";
import { DeliveryError } from "../../components/DeliveryError.js";
import { FormModal } from "../../components/FormModal.js";
import { ListSection, ListTable } from "../../components/Page.js";
import { ShownOnce } from "../../components/ShownOnce.js";

const eventKey = (e: string) => `integrations.hooks.eventNames.${e.split(".").at(-1)}`;

/** Webhook subscriptions: which events go where, whether with personal data; each one's delivery log. */
export function WebhooksSection() {
  const { t } = useTranslation();
  const list = useWebhooks();
  const [editing, setEditing] = useState<SubscriptionView | "new" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<SubscriptionView | null>(null);

  return (
    <ListSection<SubscriptionView>
      action={{ label: t("integrations.hooks.create"), onClick: () => setEditing("new") }}
      query={list}
      what={t("integrations.hooks.title")}
      empty={t("integrations.hooks.none")}
      columns={[
        { title: t("integrations.hooks.name"), dataIndex: "name" },
        { title: t("integrations.hooks.url"), dataIndex: "url", render: (u: string) => <code>{u}</code> },
        {
          title: t("integrations.hooks.events"),
          dataIndex: "events",
          render: (events: string[]) => (
            <Space size={4} wrap>
              {events.map((e) => (
                <Tag key={e}>{t(eventKey(e))}</Tag>
              ))}
            </Space>
          ),
        },
        {
          title: t("integrations.hooks.personalData"),
          dataIndex: "personalData",
          render: (v: boolean) =>
            v ? <Tag color="orange">{t("integrations.hooks.yes")}</Tag> : t("integrations.hooks.no"),
        },
        {
          title: t("integrations.hooks.active"),
          dataIndex: "active",
          render: (v: boolean) => (v ? t("integrations.hooks.yes") : t("integrations.hooks.no")),
        },
        {
          key: "actions",
          render: (_: unknown, s) => (
            <Space>
              <Button size="small" onClick={() => setEditing(s)}>
                {t("integrations.hooks.edit")}
              </Button>
              <Button size="small" onClick={() => setLogOf(s)}>
                {t("integrations.hooks.deliveries")}
              </Button>
            </Space>
          ),
        },
      ]}
    >
      {editing && (
        <WebhookForm
          value={editing === "new" ? null : editing}
          onDone={(created) => {
            setEditing(null);
            if (created) setSecret(created);
          }}
        />
      )}
      {secret && (
        <ShownOnce
          title={t("integrations.hooks.createdTitle")}
          hint={t("integrations.hooks.createdHint")}
          value={secret}
          onClose={() => setSecret(null)}
        />
      )}
      {logOf && <DeliveryLog subscription={logOf} onClose={() => setLogOf(null)} />}
    </ListSection>
  );
}

function WebhookForm({
  value,
  onDone,
}: {
  value: SubscriptionView | null;
  onDone: (secret?: string) => void;
}) {
  const { t } = useTranslation();
  const attempt = useAttempt();
  const save = useSaveWebhook();
  const [form] = Form.useForm<SubscriptionBody>();
  const initial: SubscriptionBody = value ?? {
    name: "",
    url: "https://",
    events: [...webhookEvents],
    personalData: false,
    active: true,
  };
  const submit = async (body: SubscriptionBody) => {
    const saved = await attempt(save, { id: value?.id ?? null, body }, t("integrations.hooks.saved"));
    if (saved) onDone((saved as { secret?: string }).secret);
  };
  return (
    <FormModal
      naming={{ noun: t("admin.nouns.webhook"), name: value?.name }}
      form={form}
      mutation={save}
      onCancel={() => onDone()}
    >
      <Form<SubscriptionBody>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="name" label={t("integrations.hooks.name")} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="url"
          label={t("integrations.hooks.url")}
          rules={[{ required: true, pattern: /^https?:\/\/\S+$/, max: 2000 }]}
        >
          <Input inputMode="url" />
        </Form.Item>
        <Form.Item
          name="events"
          label={t("integrations.hooks.events")}
          rules={[{ required: true, type: "array", min: 1 }]}
        >
          <Select mode="multiple" options={webhookEvents.map((e) => ({ value: e, label: t(eventKey(e)) }))} />
        </Form.Item>
        <Form.Item
          name="personalData"
          label={t("integrations.hooks.personalData")}
          valuePropName="checked"
          extra={t("integrations.hooks.personalDataHint")}
        >
          <Switch />
        </Form.Item>
        <Form.Item name="active" label={t("integrations.hooks.active")} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function DeliveryLog({ subscription, onClose }: { subscription: SubscriptionView; onClose: () => void }) {
  const { t } = useTranslation();
  const attempt = useAttempt();
  const log = useDeliveries(subscription.id);
  const redeliver = useRedeliver(subscription.id);
  const color: Record<WebhookDeliveryView["status"], string> = {
    pending: "blue",
    sending: "blue",
    sent: "green",
    failed: "red",
    undeliverable: "red",
  };
  return (
    <Drawer
      open
      width={960}
      title={t("integrations.log.title", { name: subscription.name })}
      onClose={onClose}
    >
      <ListTable<WebhookDeliveryView>
        query={log}
        rows={log.data}
        what={t("integrations.hooks.deliveries")}
        empty={t("integrations.log.none")}
        pagination={{ pageSize: 50 }}
        columns={[
          {
            title: t("integrations.log.event"),
            dataIndex: "event",
            render: (e: string, d) => (
              <Space size={4}>
                {t(eventKey(e))}
                {d.redelivery && (
                  <Typography.Text type="secondary">({t("integrations.log.redelivery")})</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t("integrations.log.status"),
            dataIndex: "status",
            render: (s: WebhookDeliveryView["status"]) => (
              <Tag color={color[s]}>{t(`integrations.log.statuses.${s}`)}</Tag>
            ),
          },
          { title: t("integrations.log.attempts"), dataIndex: "attempts" },
          {
            title: t("integrations.log.lastError"),
            dataIndex: "lastError",
            render: (v: string | null, d) => (
              <DeliveryError error={v} reason={d.lastErrorReason} status={d.status} scope="webhook" />
            ),
          },
          { title: t("integrations.log.createdAt"), dataIndex: "createdAt", render: formatTime },
          {
            title: t("integrations.log.sentAt"),
            key: "sentAt",
            render: (_: unknown, d) =>
              d.sentAt
                ? formatTime(d.sentAt)
                : d.nextAttemptAt
                  ? `${t("integrations.log.nextAttemptAt")} ${formatTime(d.nextAttemptAt)}`
                  : "—",
          },
          {
            key: "actions",
            render: (_: unknown, d) => (
              <Button
                size="small"
                loading={redeliver.isPending && redeliver.variables === d.id}
                onClick={async () => {
                  await attempt(redeliver, d.id, t("integrations.log.redelivered"));
                }}
              >
                {t("integrations.log.redeliver")}
              </Button>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
