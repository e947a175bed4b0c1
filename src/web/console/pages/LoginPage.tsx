import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { ADMIN_PASSWORD_VARIABLE, FIRST_ADMIN_COMMAND } from "../../../shared/first-run.js";
import type { MeResponse } from "../../../shared/schemas/auth.js";
import {
  login,
  loginConfirmEnrolment,
  loginEnrolment,
  loginWithCode,
  meKey,
  type TotpEnrolment,
  useFirstRun,
} from "../api/session.js";
import { LanguageSwitch } from "../components/LanguageSwitch.js";
import { RequiredItem } from "../components/RequiredItem.js";
import { RecoveryCodes, TotpEnrolmentForm } from "../components/SecondFactor.js";

interface Credentials {
  username: string;
  password: string;
}

/** Where the sign-in stands: the password, a code, a required enrolment, or the recovery codes to note. */
type Step =
  | { kind: "password" }
  | { kind: "totp"; challenge: string }
  | { kind: "enrol"; challenge: string; enrolment: TotpEnrolment | null }
  | { kind: "recovery"; me: MeResponse; codes: string[] };

/** /console/login: the only page open to everyone. Password, then the second factor when there is one. */
export default function LoginPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step>({ kind: "password" });
  const firstRun = useFirstRun();

  const enter = async (me: MeResponse) => {
    client.setQueryData(meKey, me);
    const from = params.get("from");
    await navigate(from?.startsWith("/") && !from.startsWith("//") ? from : "/", { replace: true });
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = ({ username, password }: Credentials) =>
    run(async () => {
      const answer = await login(username, password);
      if (!("next" in answer)) return enter(answer);
      if (answer.next === "totp") return setStep({ kind: "totp", challenge: answer.challenge });
      setStep({
        kind: "enrol",
        challenge: answer.challenge,
        enrolment: await loginEnrolment(answer.challenge),
      });
    });

  const restart = () => {
    setError(null);
    setStep({ kind: "password" });
  };

  return (
    <main
      style={{
        minHeight: "100vh",
        display: "grid",
        // One column no wider than the screen: an auto column took the card's 380 px and the
        // page scrolled sideways on a 390 px phone (16 px padding each side).
        gridTemplateColumns: "minmax(0, 1fr)",
        placeItems: "center",
        background: "#eef3f9",
        padding: 16,
      }}
    >
      <Card style={{ width: step.kind === "password" ? 380 : 460, maxWidth: "100%" }}>
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
          {step.kind === "password"
            ? t("login.title")
            : step.kind === "totp"
              ? t("login.codeTitle")
              : step.kind === "enrol"
                ? t("login.enrolTitle")
                : t("account.recoveryTitle")}
        </Typography.Title>
        {step.kind === "password" && firstRun.data?.needsFirstAdministrator && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t("login.firstRunTitle")}
            description={
              <div data-testid="first-run">
                <p style={{ margin: "4px 0 8px" }}>
                  {t("login.firstRunHint", { variable: ADMIN_PASSWORD_VARIABLE })}
                </p>
                <Typography.Text code copyable style={{ wordBreak: "break-word" }}>
                  {FIRST_ADMIN_COMMAND}
                </Typography.Text>
              </div>
            }
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        {step.kind === "password" && (
          <Form<Credentials> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
            <RequiredItem label={t("login.username")} name="username">
              <Input autoComplete="username" autoFocus />
            </RequiredItem>
            <RequiredItem label={t("login.password")} name="password">
              <Input.Password autoComplete="current-password" />
            </RequiredItem>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t("login.submit")}
            </Button>
          </Form>
        )}
        {step.kind === "totp" && (
          <Form<{ code: string }>
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => void run(async () => enter(await loginWithCode(step.challenge, v.code)))}
          >
            <Typography.Paragraph>{t("login.codeHint")}</Typography.Paragraph>
            <RequiredItem label={t("login.code")} name="code">
              <Input autoComplete="one-time-code" autoFocus />
            </RequiredItem>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t("login.verify")}
            </Button>
          </Form>
        )}
        {step.kind === "enrol" && step.enrolment && (
          <>
            <Alert type="info" showIcon title={t("login.enrolHint")} style={{ marginBottom: 16 }} />
            <TotpEnrolmentForm
              enrolment={step.enrolment}
              busy={busy}
              onConfirm={(code) =>
                void run(async () => {
                  const me = await loginConfirmEnrolment(step.challenge, code);
                  setStep({ kind: "recovery", me, codes: me.recoveryCodes });
                })
              }
            />
          </>
        )}
        {step.kind === "recovery" && <RecoveryCodes codes={step.codes} onDone={() => void enter(step.me)} />}
        {(step.kind === "totp" || step.kind === "enrol") && (
          <Button type="link" onClick={restart} style={{ paddingLeft: 0, marginTop: 8 }}>
            {t("login.restart")}
          </Button>
        )}
      </Card>
    </main>
  );
}
