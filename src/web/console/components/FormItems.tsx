import { Form, type FormItemProps, Input } from "antd";
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

/** The field (Art. 5) of a request or a Q&A entry, picked from the directory (`FieldSelect`). */
export function FieldItem(item: ItemProps) {
  return (
    <Form.Item {...item}>
      <FieldSelect />
    </Form.Item>
  );
}
