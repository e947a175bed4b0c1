import { Alert, Button, Form, Input, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { TotpEnrolment } from "../api/session.js";

/** The QR code and secret of a TOTP enrolment, and the field for the first code. */
export function TotpEnrolmentForm({
  enrolment,
  busy,
  onConfirm,
}: {
  enrolment: TotpEnrolment;
  busy: boolean;
  onConfirm: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Paragraph>{t("account.totpScan")}</Typography.Paragraph>
      <img src={enrolment.qrDataUrl} alt={t("account.qrAlt")} width={200} height={200} />
      <Typography.Paragraph>
        {t("account.secret")}:{" "}
        <Typography.Text code copyable>
          {enrolment.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Form<{ code: string }> layout="vertical" onFinish={(v) => onConfirm(v.code)} requiredMark={false}>
        <Form.Item
          label={t("account.code")}
          name="code"
          rules={[
            { required: true, message: t("login.required", { field: t("account.code").toLowerCase() }) },
          ]}
        >
          <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} style={{ maxWidth: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("account.confirm")}
        </Button>
      </Form>
    </Space>
  );
}

/** The ten recovery codes, shown once, with the button that dismisses them. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t("account.recoveryTitle")}
      </Typography.Title>
      <Alert type="warning" showIcon title={t("account.recoveryHint")} />
      <ul
        aria-label={t("account.recoveryTitle")}
        style={{ columns: 2, fontFamily: "monospace", fontSize: 15 }}
      >
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <Button type="primary" onClick={onDone}>
        {t("account.recoveryDone")}
      </Button>
    </Space>
  );
}
