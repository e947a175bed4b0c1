import { Alert, Button, Form, type FormItemProps, Input, Space } from "antd";
import { useTranslation } from "react-i18next";
import type { ZodType } from "zod";
import { FieldSelect } from "./DirectorySelects.js";
import { limitCount, zodRule } from "./zodRule.js";

type ItemProps = Omit<FormItemProps, "children">;

/** A text area field of a form: the item's name, label, rules and help, the area `rows` high. */
export function TextAreaItem({ rows, ...item }: ItemProps & { rows: number }) {
  return (
    <Form.Item {...item}>
      <Input.TextArea rows={rows} />
    </Form.Item>
  );
}

/** A text area that must hold more than white space, asking for it by its label ("Vui lòng nhập …"). */
export function RequiredTextAreaItem({
  rows,
  ...item
}: Omit<ItemProps, "rules" | "label"> & { label: string; rows: number }) {
  const { t } = useTranslation();
  const message = t("admin.required", { field: item.label.toLowerCase() });
  return (
    <Form.Item {...item} rules={[{ required: true, whitespace: true, message }]}>
      <Input.TextArea rows={rows} />
    </Form.Item>
  );
}

/** The field (Art. 5) of a request or a Q&A entry, picked from the directory (`FieldSelect`). */
export function FieldItem(item: ItemProps) {
  return (
    <Form.Item {...item}>
      <FieldSelect />
    </Form.Item>
  );
}

/** Says that a draft kept in the tab (drafts.ts) was put back in the form, with «Bỏ bản nháp». */
export function DraftRestored({ title, onDiscard }: { title: string; onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      role="status"
      title={title}
      action={
        <Button size="small" onClick={onDiscard}>
          {t("desk.draftDiscard")}
        </Button>
      }
      style={{ marginBottom: 12 }}
    />
  );
}

/**
 * One line of text and its button (a hold's or a refusal's reason), checked by the server's own
 * schema: a text over its limit is told under the line and nothing is sent. No `maxLength`: it cut
 * a pasted text unseen and the rest was saved. `onSend` gets the text trimmed and a way to clear it.
 */
export function TextAndButton({
  label,
  schema,
  button,
  loading,
  danger,
  onSend,
}: {
  label: string;
  schema: ZodType;
  button: string;
  loading: boolean;
  danger?: boolean;
  onSend: (text: string, clear: () => void) => void;
}) {
  const [form] = Form.useForm<{ text?: string }>();
  const text = Form.useWatch("text", form);
  return (
    <Form form={form} onFinish={(v) => onSend(v.text?.trim() ?? "", () => form.resetFields())}>
      <Form.Item style={{ marginBottom: 0 }}>
        <Space.Compact style={{ width: "100%" }}>
          <Form.Item name="text" noStyle rules={[zodRule(schema)]}>
            <Input aria-label={label} placeholder={label} count={limitCount(schema)} />
          </Form.Item>
          <Button danger={danger} htmlType="submit" disabled={!text?.trim()} loading={loading}>
            {button}
          </Button>
        </Space.Compact>
      </Form.Item>
    </Form>
  );
}
