import { EditOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, Modal, Radio } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { RequestDetail, updateRequestBody } from "../../../shared/schemas/requests.js";
import { ApiError, api } from "../api/client.js";
import { requestKeys } from "../api/requests.js";
import { FieldItem, RequiredTextAreaItem } from "./FormItems.js";
import { inPlace } from "./FormModal.js";
import { requesterRules } from "./requesterRules.js";

type UpdateBody = z.input<typeof updateRequestBody>;
interface Values {
  fullName?: string;
  phone?: string;
  address?: string;
  email?: string;
  content: string;
  field?: string | null;
  urgency: "normal" | "urgent";
}

/** The requester's inputs, labelled as at intake (desk.fullName, desk.phone, …). */
const requesterInputs: {
  name: "fullName" | "phone" | "address" | "email";
  inputMode?: "tel" | "email";
}[] = [
  { name: "fullName" },
  { name: "phone", inputMode: "tel" },
  { name: "address" },
  { name: "email", inputMode: "email" },
];

/**
 * Correcting a request's requester details, content, field and urgency (Art. 7, R-IN3) with
 * PATCH /api/v1/requests/:id. The version it started from guards against a concurrent change:
 * a 409 says so and offers a reload instead of overwriting someone else's work.
 */
export function EditRequest({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  // The request as it was when the dialog opened: edits start from that version, so a change made
  // meanwhile by someone else answers 409 instead of being overwritten silently. The dialog is
  // mounted only while open, so each opening starts a fresh form from the current values.
  const [base, setBase] = useState<RequestDetail | null>(null);
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setBase(detail)}>
        {t("editRequest.open")}
      </Button>
      {base && <EditDialog base={base} onClose={() => setBase(null)} />}
    </>
  );
}

function EditDialog({ base: b, onClose }: { base: RequestDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (body: UpdateBody) =>
      api<RequestDetail>(`/api/v1/requests/${b.id}`, { method: "PATCH", body }),
    onSuccess: (saved) => {
      client.setQueryData(requestKeys.detail(saved.id), saved);
      void client.invalidateQueries({ queryKey: requestKeys.all });
      void message.success(t("editRequest.saved"));
      onClose();
    },
  });
  const conflict = save.error instanceof ApiError && save.error.code === "CONFLICT";
  const r = b.requester;
  const blank = (v: string | undefined) => v?.trim() ?? "";

  // Only what changed is sent: a field left alone is never overwritten with its old value.
  const submit = (v: Values) => {
    const requester: NonNullable<UpdateBody["requester"]> = {};
    for (const { name: k } of requesterInputs) {
      if (blank(v[k]) !== (r[k] ?? "")) requester[k] = blank(v[k]);
    }
    const field = v.field ?? null;
    save.mutate({
      version: b.version,
      ...(Object.keys(requester).length > 0 ? { requester } : {}),
      ...(v.content.trim() !== b.content ? { content: v.content } : {}),
      ...(field !== b.field ? { field } : {}),
      ...(v.urgency !== b.urgency ? { urgency: v.urgency } : {}),
    });
  };

  return (
    <Modal
      {...inPlace}
      open
      title={t("editRequest.title")}
      okText={t("admin.save")}
      cancelText={t("action.cancel")}
      okButtonProps={{ disabled: conflict }}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={save.isPending}
      width={680}
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t("editRequest.conflict")}
          action={
            <Button
              onClick={() => {
                void client.invalidateQueries({ queryKey: requestKeys.detail(b.id) });
                onClose();
              }}
            >
              {t("editRequest.reload")}
            </Button>
          }
        />
      ) : (
        save.error && (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={save.error.message} />
        )
      )}
      <Form<Values>
        form={form}
        name="edit-request"
        layout="vertical"
        preserve={false}
        initialValues={{
          fullName: r.fullName ?? "",
          phone: r.phone ?? "",
          address: r.address ?? "",
          email: r.email ?? "",
          content: b.content,
          field: b.field,
          urgency: b.urgency,
        }}
        onFinish={submit}
      >
        {requesterInputs.map(({ name, inputMode }) => (
          <Form.Item key={name} name={name} label={t(`desk.${name}`)} rules={requesterRules[name]}>
            <Input autoComplete="off" inputMode={inputMode} />
          </Form.Item>
        ))}
        <RequiredTextAreaItem name="content" label={t("desk.content")} rows={5} />
        <FieldItem name="field" label={t("desk.field")} />
        <Form.Item name="urgency" label={t("editRequest.urgency")}>
          <Radio.Group
            options={[
              { value: "normal", label: t("editRequest.normal") },
              { value: "urgent", label: t("editRequest.urgent") },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
