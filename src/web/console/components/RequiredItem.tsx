import { Form } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** A form field that must be filled, asking for it by its label ("Vui lòng nhập mật khẩu"). */
export function RequiredItem({
  label,
  name,
  children,
}: {
  label: string;
  name: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      label={label}
      name={name}
      rules={[{ required: true, message: t("login.required", { field: label.toLowerCase() }) }]}
    >
      {children}
    </Form.Item>
  );
}
