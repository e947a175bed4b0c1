import { Alert, Button, Card, Form, InputNumber, type InputNumberProps, type TableProps } from "antd";
import type { ColumnsType, ColumnType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import type { ZodNumber } from "zod";
import { PlainTable } from "./Page.js";
import { isRequired, zodRule } from "./zodRule.js";

/** The fields of a row that hold its key: the table's row key and the name of the row's input. */
type KeyField<Row, Key> = { [F in keyof Row]: Row[F] extends Key ? F : never }[keyof Row] & string;

/**
 * A settings card with one number a row (retention periods, time limits): one form over the
 * table, the number's input in its column, the error of the save or the last action under it, then
 * the save button. The form starts from the stored numbers; `onSave` gets every row's number by
 * key, a field left empty keeping the stored one.
 */
export function TableForm<Row extends object, Key extends string>({
  rows,
  rowKey,
  numberOf,
  number,
  columns,
  onSave,
  error,
  saving,
  saveLabel,
  ...table
}: Omit<TableProps<Row>, "size" | "pagination" | "dataSource" | "columns" | "rowKey"> & {
  rows: Row[];
  rowKey: KeyField<Row, Key>;
  numberOf: (row: Row) => number;
  /**
   * The number's column: its title and width, the row's name (for the input's label), and the
   * number's schema from the shared body, which checks it as the server does (an empty input is
   * "required", named by the column's title).
   */
  number: {
    title: string;
    width: number;
    rowName: (row: Row) => string;
    schema: ZodNumber;
    input: InputNumberProps;
  };
  /** The table's columns around the number's. */
  columns: (numberColumn: ColumnType<Row>) => ColumnsType<Row>;
  onSave: (numbers: Record<Key, number>) => void;
  error: Error | null;
  saving: boolean;
  saveLabel: string;
}) {
  type Values = Record<Key, number | null>;
  // Vietnamese writes a decimal comma ("8,0 giờ"); English a point.
  const { t, i18n } = useTranslation();
  const decimalSeparator = i18n.language === "en" ? "." : ",";
  const keyOf = (row: Row) => row[rowKey] as Key;
  const initial = Object.fromEntries(rows.map((row) => [keyOf(row), numberOf(row)])) as Values;
  const save = (values: Values) => {
    const numbers = rows.map((row) => [keyOf(row), values[keyOf(row)] ?? numberOf(row)]);
    onSave(Object.fromEntries(numbers) as Record<Key, number>);
  };
  const rule = zodRule(number.schema, t("admin.required", { field: number.title.toLowerCase() }));
  const numberColumn: ColumnType<Row> = {
    title: number.title,
    key: "number",
    width: number.width,
    render: (_: unknown, row) => (
      <Form.Item
        name={keyOf(row) as string}
        rules={[rule]}
        required={isRequired(number.schema)}
        style={{ margin: 0 }}
      >
        <InputNumber
          aria-label={`${number.title}: ${number.rowName(row)}`}
          decimalSeparator={decimalSeparator}
          {...number.input}
        />
      </Form.Item>
    ),
  };
  return (
    <Card size="small">
      <Form<Values> initialValues={initial} onFinish={save}>
        <PlainTable<Row> {...table} rowKey={rowKey} dataSource={rows} columns={columns(numberColumn)} />
        {error && (
          <Alert type="error" showIcon role="alert" title={error.message} style={{ marginTop: 12 }} />
        )}
        <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 12 }}>
          {saveLabel}
        </Button>
      </Form>
    </Card>
  );
}
