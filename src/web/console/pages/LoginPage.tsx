import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { login, meKey } from "../api/session.js";
import { LanguageSwitch } from "../components/LanguageSwitch.js";

interface Credentials {
  username: string;
  password: string;
}

/** /console/login: the only page open to everyone. */
export default function LoginPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const me = await login(username, password);
      client.setQueryData(meKey, me);
      const from = params.get("from");
      await navigate(from?.startsWith("/") && !from.startsWith("//") ? from : "/", { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main
      style={{
        minHeight: "100vh",
        display: "grid",
        placeItems: "center",
        background: "#eef3f9",
        padding: 16,
      }}
    >
      <Card style={{ width: 380, maxWidth: "100%" }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "start" }}>
          <div>
            <Typography.Title level={1} style={{ fontSize: 24, margin: 0, color: "#0b5cad" }}>
              {t("app.title")}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t("app.subtitle")}</Typography.Paragraph>
          </div>
          <LanguageSwitch />
        </div>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t("login.title")}
        </Typography.Title>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form<Credentials> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            label={t("login.username")}
            name="username"
            rules={[
              { required: true, message: t("login.required", { field: t("login.username").toLowerCase() }) },
            ]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t("login.password")}
            name="password"
            rules={[
              { required: true, message: t("login.required", { field: t("login.password").toLowerCase() }) },
            ]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t("login.submit")}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
