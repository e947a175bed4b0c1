import { Alert, Button, Card, Form, type FormInstance, type TableProps } from "antd";
import { PlainTable } from "./Page.js";

/**
 * A settings card: one form over a table of rows, a field in a row's cell (retention periods, time
 * limits), the error of the save or the last action under it, then the save button.
 */
export function TableForm<Row extends object, Values extends object>({
  form,
  initialValues,
  onFinish,
  error,
  saving,
  saveLabel,
  ...table
}: Omit<TableProps<Row>, "size" | "pagination"> & {
  form: FormInstance<Values>;
  initialValues: Values;
  onFinish: (values: Values) => void;
  error: Error | null;
  saving: boolean;
  saveLabel: string;
}) {
  return (
    <Card size="small">
      <Form<Values> form={form} initialValues={initialValues} onFinish={onFinish}>
        <PlainTable<Row> {...table} />
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
