import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Form, Input, Space, Switch, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type {
  channelSettingsList,
  channelSettingsView,
  updateChannelSettingsBody,
} from "../../../../shared/schemas/channels.js";
import { api } from "../../api/client.js";
import { Page } from "../../components/Page.js";
import { ErrorState, Loading } from "../../components/States.js";

type ChannelSettings = z.infer<typeof channelSettingsView>;
type SaveBody = z.input<typeof updateChannelSettingsBody>;
type Values = Record<string, string | boolean | undefined>;

const key = ["admin", "channels"] as const;
const grid = { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(340px, 1fr))", columnGap: 24 };
const subheading = { fontSize: 14, margin: "0 0 12px" };

/** Where each provider posts its events (docs/channels.md, "Going live"); email is polled. */
const webhookPath: Record<ChannelSettings["channel"], string | null> = {
  email: null,
  zalo: "/api/v1/channels/zalo/webhook",
  facebook: "/api/v1/channels/facebook/webhook",
};

/**
 * Channel settings (issue 7, R-CH1–6): the administrator sets mailbox, page and OA ids and the
 * provider secrets. Secrets are write-only: the server only says whether each is set.
 */
export default function AdminChannels() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: key,
    queryFn: async () => (await api<z.infer<typeof channelSettingsList>>("/api/v1/admin/channels")).items,
  });
  return (
    <Page title={t("channels.title")}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("channels.intro")}
      </Typography.Paragraph>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} what={t("channels.title")} onRetry={() => void list.refetch()} />
      ) : (
        list.data.map((c) => <ChannelCard key={c.channel} value={c} />)
      )}
    </Page>
  );
}

function ChannelCard({ value }: { value: ChannelSettings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const name = t(`channel.${value.channel}`);
  const save = useMutation({
    mutationFn: (body: SaveBody) => api<ChannelSettings>("/api/v1/admin/channels", { method: "PUT", body }),
    onSuccess: (saved) => {
      client.setQueryData<ChannelSettings[]>(key, (old) =>
        old?.map((c) => (c.channel === saved.channel ? saved : c)),
      );
      // Typed secrets are never kept in the page once saved.
      form.resetFields(Object.keys(saved.secretsSet).flatMap((s) => [`secret.${s}`, `clear.${s}`]));
      void message.success(t("channels.saved", { channel: name }));
    },
  });

  const submit = (v: Values) => {
    const settings: Record<string, string | null> = {};
    for (const k of Object.keys(value.settings)) {
      const text = v[`setting.${k}`];
      settings[k] = typeof text === "string" && text.trim() !== "" ? text.trim() : null;
    }
    // An empty secret keeps the stored one; only a ticked "clear" sends null.
    const secrets: Record<string, string | null> = {};
    for (const k of Object.keys(value.secretsSet)) {
      const text = v[`secret.${k}`];
      if (v[`clear.${k}`] === true) secrets[k] = null;
      else if (typeof text === "string" && text.trim() !== "") secrets[k] = text.trim();
    }
    save.mutate({ channel: value.channel, enabled: v.enabled === true, settings, secrets });
  };

  const path = webhookPath[value.channel];
  const initial: Values = { enabled: value.enabled };
  for (const [k, v] of Object.entries(value.settings)) initial[`setting.${k}`] = v ?? "";

  return (
    <section aria-labelledby={`channel-title-${value.channel}`}>
      <Card
        size="small"
        title={
          <Typography.Title
            level={2}
            id={`channel-title-${value.channel}`}
            style={{ fontSize: 17, margin: 0 }}
          >
            {name} <ChannelState value={value} />
          </Typography.Title>
        }
      >
        {value.missing.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t("worklist.channelMissing", {
              keys: value.missing.map((k) => t(`channels.key.${k}`, k)).join(", "),
            })}
          />
        )}
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title={path ? t("channels.webhook") : t(`channels.webhookHint.${value.channel}`)}
          description={
            path ? (
              <Space direction="vertical" size={0}>
                <Typography.Text code copyable>
                  {`${window.location.origin}${path}`}
                </Typography.Text>
                <Typography.Text>{t(`channels.webhookHint.${value.channel}`)}</Typography.Text>
              </Space>
            ) : undefined
          }
        />
        <Form<Values>
          form={form}
          name={`channel-${value.channel}`}
          layout="vertical"
          initialValues={initial}
          onFinish={submit}
        >
          {save.error && (
            <Typography.Paragraph type="danger" role="alert">
              {save.error.message}
            </Typography.Paragraph>
          )}
          <Form.Item name="enabled" label={t("channels.enabled")} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Typography.Title level={3} style={subheading}>
            {t("channels.settings")}
          </Typography.Title>
          <div style={grid}>
            {Object.keys(value.settings).map((k) => (
              <Form.Item key={k} name={`setting.${k}`} label={t(`channels.key.${k}`, k)}>
                <Input autoComplete="off" />
              </Form.Item>
            ))}
          </div>
          <Typography.Title level={3} style={subheading}>
            {t("channels.secrets")}
          </Typography.Title>
          <div style={grid}>
            {Object.entries(value.secretsSet).map(([k, isSet]) => (
              <SecretInput key={k} channel={value.channel} name={k} isSet={isSet} />
            ))}
          </div>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t("channels.save")}
          </Button>
        </Form>
      </Card>
    </section>
  );
}

/** On, off, or not configured: a channel without its required settings is never shown as on (issue 18). */
function ChannelState({ value }: { value: ChannelSettings }) {
  const { t } = useTranslation();
  const state = value.missing.length > 0 ? "notConfigured" : value.enabled ? "on" : "off";
  return (
    <Tag color={state === "on" ? "green" : state === "off" ? "default" : "orange"} style={{ marginLeft: 8 }}>
      {t(`worklist.channelState.${state}`)}
    </Tag>
  );
}

/** A write-only secret: a password input, whether one is stored, and an explicit "clear". */
function SecretInput({ channel, name, isSet }: { channel: string; name: string; isSet: boolean }) {
  const { t } = useTranslation();
  const id = `${channel}-secret-${name}`;
  return (
    <Form.Item
      htmlFor={id}
      label={
        <Space size={6}>
          <span>{t(`channels.key.${name}`, name)}</span>
          <Tag color={isSet ? "green" : "default"}>{isSet ? t("channels.set") : t("channels.notSet")}</Tag>
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      <Form.Item name={`secret.${name}`} noStyle>
        <Input.Password id={id} autoComplete="new-password" placeholder={t("channels.keep")} />
      </Form.Item>
      {isSet && (
        <Form.Item name={`clear.${name}`} valuePropName="checked" noStyle>
          <Checkbox
            style={{ marginTop: 6 }}
            aria-label={`${t("channels.clear")}: ${t(`channels.key.${name}`, name)}`}
          >
            {t("channels.clear")}
          </Checkbox>
        </Form.Item>
      )}
    </Form.Item>
  );
}
