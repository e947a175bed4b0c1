import { Alert, DatePicker, Form, Input, Radio, Select, Space, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { ZodObject, ZodType } from "zod";
import type { RequestAction } from "../../../shared/request-status.js";
import { actionBodies, type RequestDetail } from "../../../shared/schemas/requests.js";
import { vnDateOf } from "../../../shared/time.js";
import { useRequestCalls } from "../api/calls.js";
import { reasonText, useAgencies, useRefusalReasons } from "../api/directory.js";
import { useCan } from "../api/session.js";
import { AnswerFilesItem, PublishFileChecks } from "./AnswerAttachments.js";
import { AgenciesSelect, CooperatingItem, RoutingSuggestionList } from "./Cooperation.js";
import { AgencySelect } from "./DirectorySelects.js";
import { TextAreaItem } from "./FormItems.js";
import { publicationSources, RedactionEditor, redactionRule } from "./Publication.js";
import { zodRule } from "./zodRule.js";

export const isDayjs = (v: unknown): v is Dayjs =>
  typeof v === "object" && v !== null && "isValid" in v && "format" in v;

/**
 * A picked date and time read as Vietnam time (Asia/Ho_Chi_Minh, UTC+7 all year), whatever the
 * browser's zone (issue 18): "10:00" on the picker is sent as 10:00+07:00.
 */
export function vnWallClock(value: Dayjs): string {
  return `${value.format("YYYY-MM-DDTHH:mm")}:00+07:00`;
}

/** The inputs each action asks for; names match the action bodies in src/shared/schemas/requests.ts. */
export function ActionFields({ action, detail }: { action: RequestAction; detail: RequestDetail }) {
  const { t } = useTranslation();
  const canCall = useCan()("call.handle");
  const calls = useRequestCalls(detail.id, canCall && action === "forward");
  const liveCall = calls.data?.items.some((c) => c.status === "answered") ?? false;
  // "Vui lòng nhập lý do" for what is typed, "Vui lòng chọn …" for a choice (not the bare label);
  // a choice whose label does not read well after «Vui lòng chọn» has a message of its own.
  const requiredWith = (message: string) => [{ required: true, message }];
  const required = (label: string) => requiredWith(t("admin.required", { field: label.toLowerCase() }));
  // A text is also held to its action body's limits, told under the field: a note over 2,000
  // characters was sent and refused at the dialog's top with «Tối đa 2.000 ký tự.», naming no field.
  const body: ZodObject = actionBodies[action];
  const text = (name: string, labelKey: string, isRequired: boolean, rows = 4) => {
    const field = body.shape[name] as ZodType | undefined;
    return (
      <TextAreaItem
        name={name}
        label={t(labelKey)}
        rules={[...(isRequired ? required(t(labelKey)) : []), ...(field ? [zodRule(field)] : [])]}
        validateFirst
        rows={rows}
      />
    );
  };
  // Forwarding and assigning alike: the suggested agencies, the one chosen and any cooperating.
  const routing = (
    <>
      <RoutingSuggestionList requestId={detail.id} />
      <AgencyItem />
      <CooperatingItem />
    </>
  );
  switch (action) {
    case "answer_from_kb":
    case "record_answer":
      // The Q&A entry or the mass event the answer was taken from travel with it (hidden).
      return (
        <>
          {text("answer", "action.answer", true, 6)}
          <AnswerFilesItem requestId={detail.id} />
          <Form.Item name="kbEntryId" hidden>
            <Input />
          </Form.Item>
          <Form.Item name="massEventId" hidden>
            <Input />
          </Form.Item>
        </>
      );
    case "refuse":
      return (
        <>
          <ReasonSelect />
          {text("note", "action.note", false, 2)}
        </>
      );
    case "forward":
      return (
        <>
          {routing}
          {/* Art. 10.1: only a call can be put through; other channels are not asked (issue 18). */}
          {/* A call still on the line is put through by the switchboard, which reports the result (issue 12). */}
          {liveCall ? (
            <Alert type="info" showIcon title={t("phone.liveTransfer")} style={{ marginBottom: 12 }} />
          ) : detail.channel === "phone" ? (
            <Form.Item
              name="transferAttempt"
              label={t("action.transferAttempt")}
              rules={requiredWith(t("action.transferAttemptRequired"))}
            >
              <Radio.Group
                options={(["connected", "failed", "not_attempted"] as const).map((v) => ({
                  value: v,
                  label: t(`action.${v}`),
                }))}
              />
            </Form.Item>
          ) : (
            <Typography.Paragraph type="secondary">{t("worklist.transferPortal")}</Typography.Paragraph>
          )}
          {text("note", "action.note", false, 2)}
        </>
      );
    case "assign_agency":
      return (
        <>
          {routing}
          {text("note", "action.note", false, 2)}
        </>
      );
    case "escalate":
    case "mark_verifying":
      return text("note", "action.note", true, 3);
    case "answer_by_phone":
      return text("summary", "action.summary", false, 4);
    case "post_progress":
      return (
        <>
          {text("note", "action.note", true, 3)}
          <Form.Item
            name="appointmentAt"
            label={t("action.appointmentAt")}
            rules={[
              ...requiredWith(t("action.appointmentRequired")),
              {
                validator: (_: unknown, v: unknown) =>
                  isDayjs(v) && Date.parse(vnWallClock(v)) <= Date.now()
                    ? Promise.reject(new Error(t("worklist.pastDate")))
                    : Promise.resolve(),
              },
            ]}
          >
            <DatePicker
              showTime={{ format: "HH:mm" }}
              format="DD/MM/YYYY HH:mm"
              style={{ width: "100%" }}
              disabledDate={(d) => d.format("YYYY-MM-DD") < vnDateOf(new Date())}
            />
          </Form.Item>
        </>
      );
    case "return_to_coordinator":
      return text("reason", "action.reason", true, 3);
    case "ask_requester":
      return null; // asked from the conversation panel (Conversation.tsx)
    // Art. 12, 14.7: the requester's question and the recorded answer, redacted for personal data only.
    case "publish": {
      const sources = publicationSources(detail);
      const invalid = t("publication.invalid");
      return (
        <>
          <Typography.Paragraph type="secondary">{t("publication.hint")}</Typography.Paragraph>
          {!detail.publishConsent && (
            <Typography.Paragraph type="warning">{t("publication.noConsent")}</Typography.Paragraph>
          )}
          {(
            [
              ["publicQuestion", sources.question],
              ["publicAnswer", sources.answer],
            ] as const
          ).map(([name, original]) => (
            <Form.Item
              key={name}
              name={name}
              label={t(`action.${name}`)}
              rules={[redactionRule(original, invalid)]}
            >
              <RedactionEditor original={original} label={t(`action.${name}`)} />
            </Form.Item>
          ))}
          <PublishFileChecks detail={detail} />
        </>
      );
    }
    case "takedown":
      return text("reason", "publication.takedownReason", true, 3);
    case "close":
      return <p>{t("action.closeConfirm")}</p>;
    // Issue 19: the lead asks more agencies to cooperate; a cooperating agency sends its contribution.
    case "request_cooperation":
      return (
        <>
          <Form.Item
            name="agencyIds"
            label={t("cooperation.agencyIds")}
            extra={t("cooperation.cooperatingHint")}
            rules={requiredWith(t("cooperation.agencyIdsRequired"))}
          >
            <AgenciesSelect exclude={detail.agencyId ?? undefined} />
          </Form.Item>
          {text("note", "action.note", true, 3)}
        </>
      );
    case "contribute":
      return text("contribution", "cooperation.contribution", true, 6);
  }
}

function AgencyItem() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="agencyId"
        label={t("action.agency")}
        rules={[{ required: true, message: t("admin.choose", { field: t("action.agency").toLowerCase() }) }]}
      >
        <AgencySelect />
      </Form.Item>
      <AgencyReach />
    </>
  );
}

/**
 * The chosen agency's registered hotline numbers (Art. 10.1), and a warning when there is none to
 * put a caller through to, or no focal point to pick up the slip (issue 12).
 */
function AgencyReach() {
  const { t } = useTranslation();
  const agencyId: string | undefined = Form.useWatch("agencyId");
  const agency = useAgencies().data?.find((a) => a.id === agencyId);
  if (!agency) return null;
  return (
    <Space direction="vertical" style={{ width: "100%", marginBottom: 12 }}>
      {agency.hotlineNumbers.length > 0 ? (
        <Typography.Text>
          {t("phone.hotlines", { numbers: agency.hotlineNumbers.join(", ") })}
        </Typography.Text>
      ) : (
        <Alert type="warning" showIcon title={t("phone.noHotline")} />
      )}
      {agency.focalPoints.length === 0 && <Alert type="warning" showIcon title={t("phone.noFocalPoint")} />}
    </Space>
  );
}

function ReasonSelect() {
  const { t } = useTranslation();
  const reasons = useRefusalReasons();
  return (
    <Form.Item
      name="reason"
      label={t("action.reason")}
      rules={[{ required: true, message: t("admin.choose", { field: t("action.reason").toLowerCase() }) }]}
    >
      <Select
        loading={reasons.isPending}
        options={(reasons.data ?? []).map((r) => ({ value: r.code, label: reasonText(r) }))}
        notFoundContent={reasons.isError ? t("app.notAvailable") : undefined}
      />
    </Form.Item>
  );
}
