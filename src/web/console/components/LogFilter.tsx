import { Button, Form, Input, Select } from "antd";
import { useEffect } from "react";

/** The filter of a log page: a kind chosen from a list and an id typed in. */
export type LogFilterValues = Record<string, string | undefined>;

/** The filter line of a log: the form's name, the kind to choose, the id to type, the button's text. */
export interface LogFilterProps {
  name: string;
  choice: {
    name: string;
    label: string;
    placeholder: string;
    width: number;
    options: { value: string; label: string }[];
    searchable?: boolean;
  };
  id: { name: string; label: string; width: number };
  submit: string;
  /** The filter in force (from the address): the form shows it, and follows it on Back. */
  values: LogFilterValues;
  onApply: (filter: LogFilterValues) => void;
}

/**
 * The filter line above a log (the audit, the access log): choosing a kind filters at once; the
 * id is applied with the button or Enter. Empty values are dropped and the id is trimmed.
 */
export function LogFilter({ name, choice, id, submit, values, onApply }: LogFilterProps) {
  const [form] = Form.useForm<LogFilterValues>();
  const chosen = values[choice.name];
  const typed = values[id.name];
  useEffect(() => {
    form.setFieldsValue({ [choice.name]: chosen, [id.name]: typed });
  }, [form, choice.name, id.name, chosen, typed]);
  const apply = (v: LogFilterValues) =>
    onApply({ [choice.name]: v[choice.name] ?? undefined, [id.name]: v[id.name]?.trim() || undefined });
  return (
    <Form
      layout="inline"
      name={name}
      form={form}
      initialValues={values}
      onFinish={apply}
      onValuesChange={(changed: LogFilterValues, all: LogFilterValues) => {
        if (choice.name in changed) apply(all);
      }}
    >
      <Form.Item name={choice.name} label={choice.label}>
        <Select
          allowClear
          showSearch={choice.searchable ? { optionFilterProp: "label" } : undefined}
          placeholder={choice.placeholder}
          style={{ width: choice.width }}
          options={choice.options}
        />
      </Form.Item>
      <Form.Item name={id.name} label={id.label}>
        <Input allowClear style={{ width: id.width }} autoComplete="off" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {submit}
      </Button>
    </Form>
  );
}
