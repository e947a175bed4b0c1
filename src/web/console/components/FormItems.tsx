import { Alert, Button, Form, type FormItemProps, Input } from "antd";
import { useTranslation } from "react-i18next";
import { FieldSelect } from "./DirectorySelects.js";

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
  maxLength,
  ...item
}: Omit<ItemProps, "rules" | "label"> & { label: string; rows: number; maxLength?: number }) {
  const { t } = useTranslation();
  const message = t("admin.required", { field: item.label.toLowerCase() });
  return (
    <Form.Item {...item} rules={[{ required: true, whitespace: true, message }]}>
      <Input.TextArea rows={rows} maxLength={maxLength} />
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
