import { StopOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { type RequestDetail, revokeFollowLinkBody } from "../../../shared/schemas/requests.js";
import { api } from "../api/client.js";
import { requestKeys } from "../api/requests.js";
import { inPlace } from "./FormModal.js";
import { limitCount, schemaItem } from "./zodRule.js";

/**
 * Revokes the follow link sent to the requester (issue 13), e.g. when they say someone else saw it:
 * POST /api/v1/requests/:id/follow-link/revoke with a reason, kept in the request's history.
 */
export function RevokeFollowLink({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useMutation({
    mutationFn: (body: z.input<typeof revokeFollowLinkBody>) =>
      api<RequestDetail>(`/api/v1/requests/${detail.id}/follow-link/revoke`, { method: "POST", body }),
    onSuccess: (saved) => {
      client.setQueryData(requestKeys.detail(saved.id), saved);
      void message.success(t("followLink.revoked"));
      setOpen(false);
    },
  });
  if (!detail.followLinkActive) return null;
  return (
    <>
      <Button icon={<StopOutlined />} onClick={() => setOpen(true)}>
        {t("followLink.revoke")}
      </Button>
      <Modal
        {...inPlace}
        open={open}
        title={t("followLink.title")}
        okText={t("followLink.revoke")}
        okButtonProps={{ danger: true }}
        cancelText={t("action.cancel")}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={revoke.isPending}
        destroyOnHidden
      >
        <p>{t("followLink.explain")}</p>
        {revoke.error && <Alert type="error" showIcon role="alert" title={revoke.error.message} />}
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) => revoke.mutate({ version: detail.version, reason: v.reason })}
        >
          {/* The server's rule, not maxLength: that cut a pasted reason unseen and saved the rest. */}
          <Form.Item {...schemaItem(revokeFollowLinkBody, "reason")} label={t("action.reason")}>
            <Input.TextArea rows={3} count={limitCount(revokeFollowLinkBody.shape.reason)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * Sends the requester a new follow link over the request's own channel (the old one stops working):
 * POST /api/v1/requests/:id/follow-link. The server answers 409 when the request has no such channel.
 */
export function IssueFollowLink({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const issue = useMutation({
    mutationFn: () =>
      api<RequestDetail>(`/api/v1/requests/${detail.id}/follow-link`, {
        method: "POST",
        body: { version: detail.version },
      }),
    onSuccess: (saved) => {
      client.setQueryData(requestKeys.detail(saved.id), saved);
      void message.success(t("followLink.issued"));
    },
    onError: (error) => void message.error(error.message),
  });
  return (
    <Button
      loading={issue.isPending}
      onClick={() =>
        void modal.confirm({
          title: t("followLink.issue"),
          content: t("followLink.issueExplain"),
          okText: t("action.confirm"),
          cancelText: t("action.cancel"),
          onOk: () => issue.mutate(),
        })
      }
    >
      {t("followLink.issue")}
    </Button>
  );
}
