import { useMutation } from "@tanstack/react-query";
import { App, Button, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { resetPasswordBody, UserView } from "../../../../shared/schemas/admin.js";
import { api } from "../../api/client.js";
import { FormModal } from "../../components/FormModal.js";

type Body = z.input<typeof resetPasswordBody>;

/**
 * Sets a new password for a user (R-SE1): POST /api/v1/admin/users/:id/password. The server
 * lifts a lock and audits the reset without the password.
 */
export function ResetPassword({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Body>();
  const reset = useMutation({
    mutationFn: (body: Body) =>
      api<void>(`/api/v1/admin/users/${user.id}/password`, { method: "POST", body }),
    onSuccess: () => {
      void message.success(t("resetPassword.done", { name: user.fullName }));
      setOpen(false);
    },
  });
  return (
    <>
      <Button
        size="small"
        onClick={() => {
          reset.reset();
          setOpen(true);
        }}
      >
        {t("resetPassword.open")}
      </Button>
      <FormModal
        open={open}
        title={t("resetPassword.title", { name: user.fullName })}
        form={form}
        mutation={reset}
        onCancel={() => setOpen(false)}
      >
        <Form<Body>
          form={form}
          name={`reset-password-${user.id}`}
          layout="vertical"
          preserve={false}
          onFinish={(v) => reset.mutate(v)}
        >
          <Form.Item
            name="password"
            label={t("resetPassword.password")}
            extra={t("resetPassword.hint")}
            rules={[{ required: true, min: 8, message: t("resetPassword.hint") }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
