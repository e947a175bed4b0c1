import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Form, Modal, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ZodObject, z } from "zod";
import { useAdminList, useAdminSave } from "../../api/admin.js";
import { ErrorState } from "../../components/States.js";
import { parseForm, schemaItem } from "../../components/zodRule.js";

/** A form field's name: a key of the create or the update schema. */
type FieldName<C extends ZodObject, U extends ZodObject> = (keyof C["shape"] | keyof U["shape"]) & string;
/** Name, rule and required mark of a Form.Item, from the schema of the dialog (create or update). */
export type SchemaItem<C extends ZodObject, U extends ZodObject> = (
  name: FieldName<C, U>,
  emptyMessage?: string,
) => ReturnType<typeof schemaItem>;

interface Props<T, Id extends string | number, C extends ZodObject, U extends ZodObject> {
  title: string;
  listKey: string;
  listUrl: string;
  createUrl: string;
  updateUrl: (id: Id) => string;
  rowId: (row: T) => Id;
  columns: ColumnsType<T>;
  /** The shared body schemas (src/shared/schemas/admin.ts): they type the form and validate it. */
  createSchema: C;
  updateSchema: U;
  /**
   * The form inputs; `editing` is null when adding. `item(name)` gives each Form.Item its name and
   * the rule of the schema in use, so no form restates a validation rule.
   */
  form: (editing: T | null, item: SchemaItem<C, U>) => ReactNode;
  /** Form values of a row being edited. */
  toValues: (row: T) => Partial<z.input<C> & z.input<U>>;
  extra?: ReactNode;
  /** More buttons in each row beside "edit" (e.g. reset a user's password). */
  rowActions?: (row: T) => ReactNode;
}

/** One administration list with add and edit dialogs (R-SE1, R-KB2); the server validates and audits. */
export function AdminCrud<
  T extends object,
  Id extends string | number,
  C extends ZodObject,
  U extends ZodObject,
>(p: Props<T, Id, C, U>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useAdminList<T>([p.listKey], p.listUrl);
  const save = useAdminSave<T, Id>(p.createUrl, p.updateUrl);
  const [form] = Form.useForm<Record<string, unknown>>();
  const [editing, setEditing] = useState<{ row: T | null } | null>(null);

  const submit = async (values: Record<string, unknown>) => {
    if (!editing) return;
    const id = editing.row ? p.rowId(editing.row) : null;
    // The body is the schema's output: trimmed, blanks as null, exactly what the server parses.
    const body: z.output<C> | z.output<U> =
      id === null ? parseForm(p.createSchema, values) : parseForm(p.updateSchema, values);
    const ok = await save.mutateAsync({ id, body }).catch(() => null);
    if (ok === null) return;
    void message.success(t("admin.saved"));
    setEditing(null);
  };
  const columns: ColumnsType<T> = [
    ...p.columns,
    {
      title: t("request.actions"),
      key: "edit",
      width: p.rowActions ? 220 : 90,
      render: (_: unknown, row: T) => (
        <Space size={4}>
          <Button
            size="small"
            onClick={() => {
              save.reset();
              setEditing({ row });
            }}
          >
            {t("admin.edit")}
          </Button>
          {p.rowActions?.(row)}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Space style={{ justifyContent: "space-between", width: "100%" }} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {p.title}
        </Typography.Title>
        <Space>
          {p.extra}
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              save.reset();
              setEditing({ row: null });
            }}
          >
            {t("admin.add")}
          </Button>
        </Space>
      </Space>
      {list.isError ? (
        <ErrorState error={list.error} what={p.title} onRetry={() => void list.refetch()} />
      ) : (
        <Table<T>
          size="small"
          rowKey={(row) => String(p.rowId(row))}
          loading={list.isPending}
          dataSource={list.data ?? []}
          columns={columns}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 900 }}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing?.row ? t("admin.edit") : t("admin.add")}
        okText={t("admin.save")}
        cancelText={t("action.cancel")}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        confirmLoading={save.isPending}
        destroyOnHidden
        width={640}
      >
        {save.error && (
          <Typography.Paragraph type="danger" role="alert">
            {save.error.message}
          </Typography.Paragraph>
        )}
        {editing && (
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={editing.row ? p.toValues(editing.row) : undefined}
            onFinish={(v) => void submit(v)}
          >
            {p.form(editing.row, (name, emptyMessage) =>
              schemaItem(editing.row ? p.updateSchema : p.createSchema, name, emptyMessage),
            )}
          </Form>
        )}
      </Modal>
    </Space>
  );
}
