import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Form, Input, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { passwordInput } from "../../../shared/schemas/admin.js";
import { ApiError, api } from "../api/client.js";
import type { TotpEnrolment } from "../api/session.js";
import { Page, SectionCard } from "../components/Page.js";
import { RequiredItem } from "../components/RequiredItem.js";
import { RecoveryCodes, TotpEnrolmentForm } from "../components/SecondFactor.js";
import { zodRule } from "../components/zodRule.js";

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

interface TotpStatus {
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

const totpKey = ["auth", "totp"] as const;

/** The server's message, with the first field detail when there is one (e.g. "common password"). */
const messageOf = (e: unknown) =>
  e instanceof ApiError ? (e.details?.[0]?.message ?? e.message) : e instanceof Error ? e.message : String(e);

/** /console/account: change one's own password, turn two-step verification on or off (issue 14). */
export default function AccountPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("account.title")}>
      <ChangePassword />
      <SecondFactorSection />
    </Page>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordForm>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (v: PasswordForm) => {
    setBusy(true);
    setResult(null);
    try {
      await api<void>("/api/v1/auth/password", {
        method: "POST",
        body: { currentPassword: v.currentPassword, newPassword: v.newPassword },
      });
      form.resetFields();
      setResult({ ok: true, text: t("account.passwordChanged") });
    } catch (e) {
      setResult({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <SectionCard title={t("account.passwordTitle")}>
      <Form<PasswordForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        style={{ maxWidth: 420 }}
      >
        <RequiredItem label={t("account.currentPassword")} name="currentPassword">
          <Input.Password autoComplete="current-password" />
        </RequiredItem>
        <Form.Item
          label={t("account.newPassword")}
          name="newPassword"
          extra={t("account.passwordHint")}
          rules={[zodRule(passwordInput)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t("account.confirmPassword")}
          name="confirm"
          dependencies={["newPassword"]}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_r, value) => {
                if (value !== getFieldValue("newPassword")) throw new Error(t("account.mismatch"));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {result && (
          <Alert
            type={result.ok ? "success" : "error"}
            showIcon
            title={result.text}
            role={result.ok ? "status" : "alert"}
            style={{ marginBottom: 16 }}
          />
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("account.save")}
        </Button>
      </Form>
    </SectionCard>
  );
}

function SecondFactorSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useQuery({ queryKey: totpKey, queryFn: () => api<TotpStatus>("/api/v1/auth/totp") });
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
      await client.invalidateQueries({ queryKey: totpKey });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const s = status.data;
  return (
    <SectionCard title={t("account.totpTitle")}>
      <Space direction="vertical" style={{ width: "100%", maxWidth: 520 }}>
        {s && (
          <Typography.Paragraph>
            <Tag color={s.enabled ? "green" : "default"}>
              {s.enabled ? t("account.totpOn") : t("account.totpOff")}
            </Tag>
            {s.required && t("account.totpRequired")}{" "}
            {s.enabled && t("account.recoveryLeft", { count: s.recoveryCodesLeft })}
          </Typography.Paragraph>
        )}
        {error && <Alert type="error" showIcon title={error} role="alert" />}
        {notice && <Alert type="success" showIcon title={notice} role="status" />}
        {codes && <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />}
        {s && !s.enabled && !enrolment && !codes && (
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              void run(async () =>
                setEnrolment(await api<TotpEnrolment>("/api/v1/auth/totp/enrol", { method: "POST" })),
              )
            }
          >
            {t("account.totpEnable")}
          </Button>
        )}
        {enrolment && (
          <TotpEnrolmentForm
            enrolment={enrolment}
            busy={busy}
            onConfirm={(code) =>
              void run(async () => {
                const answer = await api<{ recoveryCodes: string[] }>("/api/v1/auth/totp/confirm", {
                  method: "POST",
                  body: { code },
                });
                setEnrolment(null);
                setCodes(answer.recoveryCodes);
              })
            }
          />
        )}
        {s?.enabled && !s.required && !codes && (
          <Form<{ password: string; code: string }>
            layout="vertical"
            requiredMark={false}
            onFinish={(v) =>
              void run(async () => {
                await api<void>("/api/v1/auth/totp/disable", { method: "POST", body: v });
                setNotice(t("account.totpDisabled"));
              })
            }
          >
            <Form.Item label={t("login.password")} name="password" rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item label={t("account.code")} name="code" rules={[{ required: true }]}>
              <Input autoComplete="one-time-code" style={{ maxWidth: 200 }} />
            </Form.Item>
            <Button danger htmlType="submit" loading={busy}>
              {t("account.totpDisable")}
            </Button>
          </Form>
        )}
      </Space>
    </SectionCard>
  );
}
