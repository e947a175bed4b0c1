import { Button, Form, Input, Popconfirm, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiKeyView } from "../../../../shared/schemas/integrations.js";
import { useApiKeys, useIssueApiKey, useRevokeApiKey } from "../../api/integrations.js";
import { useAttempt } from "../../components/attempt.js";
import { formatTime } from "../../components/Badges.js";
import { FormModal } from "../../components/FormModal.js";
import { ListSection, Page } from "../../components/Page.js";
import { ShownOnce } from "../../components/ShownOnce.js";
import { WebhooksSection } from "./WebhooksSection.js";

/** Integrations (issue 17): Open311 API keys and outbound webhooks, administrators only. */
export default function AdminIntegrations() {
  const { t } = useTranslation();
  return (
    <Page title={t("integrations.title")}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("integrations.intro")}
      </Typography.Paragraph>
      <ApiKeysSection />
      <WebhooksSection />
    </Page>
  );
}

function ApiKeysSection() {
  const { t } = useTranslation();
  const attempt = useAttempt();
  const list = useApiKeys();
  const issue = useIssueApiKey();
  const revoke = useRevokeApiKey();
  const [form] = Form.useForm<{ name: string }>();
  const [issuing, setIssuing] = useState(false);
  const [shown, setShown] = useState<string | null>(null);

  const submit = async ({ name }: { name: string }) => {
    const created = await attempt(issue, name);
    if (!created) return;
    setIssuing(false);
    setShown(created.apiKey);
  };

  return (
    <ListSection<ApiKeyView>
      action={{ label: t("integrations.keys.issue"), onClick: () => setIssuing(true) }}
      query={list}
      what={t("integrations.keys.title")}
      empty={t("integrations.keys.none")}
      columns={[
        { title: t("integrations.keys.name"), dataIndex: "name" },
        {
          title: t("integrations.keys.prefix"),
          dataIndex: "prefix",
          render: (p: string) => <code>{p}…</code>,
        },
        { title: t("integrations.keys.createdAt"), dataIndex: "createdAt", render: formatTime },
        {
          title: t("integrations.keys.lastUsedAt"),
          dataIndex: "lastUsedAt",
          render: (v: string | null) => (v ? formatTime(v) : "—"),
        },
        {
          title: t("integrations.keys.state"),
          key: "state",
          render: (_: unknown, k) =>
            k.revokedAt ? (
              <Tag>{`${t("integrations.keys.revoked")} ${formatTime(k.revokedAt)}`}</Tag>
            ) : (
              <Tag color="green">{t("integrations.keys.active")}</Tag>
            ),
        },
        {
          key: "actions",
          render: (_: unknown, k) =>
            k.revokedAt ? null : (
              <Popconfirm
                title={t("integrations.keys.revokeConfirm")}
                onConfirm={async () => {
                  await attempt(revoke, k.id, t("integrations.keys.revokedDone"));
                }}
              >
                <Button danger size="small">
                  {t("integrations.keys.revoke")}
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    >
      {issuing && (
        <FormModal
          title={t("integrations.keys.issue")}
          form={form}
          mutation={issue}
          okText={t("integrations.keys.issue")}
          onCancel={() => setIssuing(false)}
        >
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
            <Form.Item name="name" label={t("integrations.keys.name")} rules={[{ required: true, max: 200 }]}>
              <Input autoFocus />
            </Form.Item>
          </Form>
        </FormModal>
      )}
      {shown && (
        <ShownOnce
          title={t("integrations.keys.issuedTitle")}
          hint={t("integrations.keys.issuedHint")}
          value={shown}
          onClose={() => setShown(null)}
        />
      )}
    </ListSection>
  );
}
