import type { FormInstance } from "antd";
import { Alert, Button, Checkbox, Col, Form, Input, Radio, Row, Select, Switch } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { channels } from "../../../../shared/request-status.js";
import type { CompletenessIssue, RequestDetail } from "../../../../shared/schemas/requests.js";
import type { CreateRequestInput } from "../../api/requests.js";
import { DraftRestored, FieldItem, TextAreaItem } from "../../components/FormItems.js";
import { SectionCard } from "../../components/Page.js";
import { contentRules, requesterRules } from "../../components/requesterRules.js";
import { draft } from "../../drafts.js";

export interface IntakeValues {
  channel: NonNullable<CreateRequestInput["channel"]>;
  phone?: string;
  fullName?: string;
  address?: string;
  email?: string;
  kind: "person" | "organisation";
  content?: string;
  field?: string;
  urgent: boolean;
  publishConsent: boolean;
}

export const emptyIntake: IntakeValues = {
  channel: "phone",
  kind: "person",
  urgent: false,
  publishConsent: true,
};

/**
 * The intake being typed, kept for the operator who typed it (`draft`): a reload during a call (F5)
 * or a look at another request lost it all. Gone once saved, started anew (Alt+N, a call taken),
 * discarded, at sign-out, or when the tab is closed.
 */
const typedFields = ["phone", "fullName", "address", "email", "content"] as const;
const intakeDraftValues = z.object({
  channel: z.enum(channels).optional(),
  kind: z.enum(["person", "organisation"]).optional(),
  urgent: z.boolean().optional(),
  publishConsent: z.boolean().optional(),
  field: z.string().optional(),
  phone: z.string().optional(),
  fullName: z.string().optional(),
  address: z.string().optional(),
  email: z.string().optional(),
  content: z.string().optional(),
});

export const intakeDraft = draft<Partial<IntakeValues>>("console.intakeDraft", intakeDraftValues, (values) =>
  typedFields.some((f) => values[f]?.trim()),
);

export function toCreateBody(v: IntakeValues): CreateRequestInput {
  const blank = (s?: string) => (s?.trim() ? s.trim() : undefined);
  return {
    channel: v.channel,
    requester: {
      kind: v.kind,
      fullName: blank(v.fullName),
      phone: blank(v.phone),
      address: blank(v.address),
      email: blank(v.email),
    },
    content: v.content?.trim() ?? "",
    field: v.field || undefined,
    urgency: v.urgent ? "urgent" : "normal",
    publishConsent: v.publishConsent,
  };
}

/**
 * What to ask the caller for while typing (Art. 7, R-IN3). A hint only: the server's completeness
 * check on the saved request is the record; staff may save an incomplete request.
 */
function liveHints(v: Partial<IntakeValues>): CompletenessIssue[] {
  const hints: CompletenessIssue[] = [];
  if (!v.fullName?.trim()) hints.push("missing_name");
  if (!v.address?.trim()) hints.push("missing_address");
  if (!v.phone?.trim()) hints.push("missing_phone");
  if ((v.content?.trim().length ?? 0) < 10) hints.push("content_too_short");
  if (!v.field) hints.push("missing_field");
  return hints;
}

interface Props {
  form: FormInstance<IntakeValues>;
  saving: boolean;
  error: string | null;
  known: Omit<RequestDetail["requester"], "contactMasked"> | null;
  onSubmit: (values: IntakeValues) => void;
  /** The signed-in operator, whose draft this tab keeps (`intakeDraft`). */
  draftOf: string;
}

/** The intake form for any channel (R-IN1): requester, content, field, urgency. */
export function IntakeForm({ form, saving, error, known, onSubmit, draftOf }: Props) {
  const { t } = useTranslation();
  const values = Form.useWatch([], form) ?? emptyIntake;
  const hints = liveHints(values);
  // What this tab kept of an intake not saved: back in the form, said so, with a way to drop it.
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    const draft = intakeDraft.read(draftOf);
    if (!draft) return;
    form.setFieldsValue({ ...emptyIntake, ...draft });
    setRestored(true);
  }, [form, draftOf]);
  const discard = () => {
    intakeDraft.clear();
    form.resetFields();
    form.setFieldsValue(emptyIntake);
    setRestored(false);
  };

  // A known caller: fill what the operator has not typed yet.
  useEffect(() => {
    if (!known) return;
    const current = form.getFieldsValue();
    form.setFieldsValue({
      fullName: current.fullName || known.fullName || undefined,
      address: current.address || known.address || undefined,
      email: current.email || known.email || undefined,
      kind: known.kind,
    });
  }, [known, form]);

  return (
    <SectionCard title={t("desk.title")}>
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        initialValues={emptyIntake}
        onFinish={onSubmit}
        onValuesChange={(_, all) => intakeDraft.write(draftOf, { ...form.getFieldsValue(true), ...all })}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            form.submit();
          }
        }}
      >
        {restored && <DraftRestored title={t("desk.draftRestored")} onDiscard={discard} />}
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="channel" label={t("desk.channel")}>
              <Select options={channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="phone" label={t("desk.phone")} rules={requesterRules.phone}>
              <Input inputMode="tel" autoComplete="off" autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t("desk.kind")}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: "person", label: t("desk.person") },
                  { value: "organisation", label: t("desk.organisation") },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="fullName" label={t("desk.fullName")} rules={requesterRules.fullName}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t("desk.email")} rules={requesterRules.email}>
              <Input inputMode="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t("desk.address")} rules={requesterRules.address}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <TextAreaItem name="content" label={t("desk.content")} rules={contentRules} required rows={5} />
          </Col>
          <Col xs={24} md={12}>
            <FieldItem name="field" label={t("desk.field")} />
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="urgent" label={t("desk.urgent")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="publishConsent" valuePropName="checked" style={{ paddingTop: 30 }}>
              <Checkbox>{t("desk.publishConsent")}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        {hints.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t("desk.hints")}
            description={hints.map((h) => t(`completeness.${h}`)).join(" · ")}
            style={{ marginBottom: 12 }}
          />
        ) : (
          <Alert type="success" showIcon title={t("desk.complete")} style={{ marginBottom: 12 }} />
        )}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={saving} aria-keyshortcuts="Control+Enter">
          {t("desk.save")} <span className="kbd">(Ctrl+Enter)</span>
        </Button>
      </Form>
    </SectionCard>
  );
}
