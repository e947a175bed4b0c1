import { PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, Space, Switch, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { TFunction } from "i18next";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { ZodObject, ZodType, z } from "zod";
import { matchesFolded } from "../../../../shared/fold.js";
import {
  agencyView,
  createAgencyBody,
  createFieldBody,
  createRefusalReasonBody,
  createUserBody,
  fieldView,
  refusalReasonView,
  updateAgencyBody,
  updateFieldBody,
  updateRefusalReasonBody,
  updateUserBody,
  userView,
} from "../../../../shared/schemas/admin.js";
import { useAdminList, useAdminSave } from "../../api/admin.js";
import { useAttempt } from "../../components/attempt.js";
import { FormModal } from "../../components/FormModal.js";
import { Page, QueryTable, readableEmpty } from "../../components/Page.js";
import { parseForm, schemaItem } from "../../components/zodRule.js";

/** A form field's name: a key of the create or the update schema. */
type FieldName<C extends ZodObject, U extends ZodObject> = (keyof C["shape"] | keyof U["shape"]) & string;
/** Name, rule and required mark of a Form.Item, from the schema of the dialog (create or update). */
export type SchemaItem<C extends ZodObject, U extends ZodObject> = (
  name: FieldName<C, U>,
  emptyMessage?: string,
) => ReturnType<typeof schemaItem>;

/**
 * One administered list: where it is read (with the inactive rows), where it is saved (POST
 * /api/v1/admin/<name>, PATCH …/<name>/:id), its row schema and the shared body schemas of the two
 * dialogs, which type the form and validate it. Its query key is ["admin", <name>].
 */
export interface AdminResource<V extends ZodObject, C extends ZodObject, U extends ZodObject> {
  key: string;
  list: string;
  save: string;
  view: V;
  createSchema: C;
  updateSchema: U;
}

function resource<V extends ZodObject, C extends ZodObject, U extends ZodObject>(
  list: string,
  view: V,
  createSchema: C,
  updateSchema: U,
): AdminResource<V, C, U> {
  const name = list.slice(list.lastIndexOf("/") + 1);
  return { key: name, list, save: `/api/v1/admin/${name}`, view, createSchema, updateSchema };
}

/** The lists AdminCrud edits (src/shared/schemas/admin.ts). */
export const adminResources = {
  users: resource("/api/v1/admin/users", userView, createUserBody, updateUserBody),
  agencies: resource("/api/v1/agencies", agencyView, createAgencyBody, updateAgencyBody),
  fields: resource("/api/v1/fields", fieldView, createFieldBody, updateFieldBody),
  reasons: resource(
    "/api/v1/refusal-reasons",
    refusalReasonView,
    createRefusalReasonBody,
    updateRefusalReasonBody,
  ),
};

/** The "active" column of every administered list. */
export const activeColumn = (t: TFunction) => ({
  title: t("admin.active"),
  dataIndex: "active",
  width: 110,
  render: (v: boolean) => (
    <Tag color={v ? "green" : "default"}>{v ? t("admin.active") : t("admin.inactive")}</Tag>
  ),
});

type Item<N extends string> = (name: N) => ReturnType<typeof schemaItem>;

/** A one-line text input of a dialog. */
export const textItem = <N extends string>(item: Item<N>, name: N, label: string, type?: "email") => (
  <Form.Item {...item(name)} label={label}>
    <Input type={type} autoComplete="off" />
  </Form.Item>
);

/** The "active" switch, only when editing: a new entry starts active. */
export const activeItem = (editing: unknown, item: Item<"active">, label: string) =>
  editing ? (
    <Form.Item {...item("active")} label={label} valuePropName="checked">
      <Switch />
    </Form.Item>
  ) : null;

interface Props<V extends ZodObject, C extends ZodObject, U extends ZodObject, T = z.output<V>> {
  title: string;
  /** What one row is, for the dialogs' titles: «Thêm người dùng», «Sửa cơ quan: Sở Y tế». */
  noun: string;
  /** The row's name in the edit dialog's title. */
  nameOf: (row: T) => string;
  resource: AdminResource<V, C, U>;
  columns: ColumnsType<T>;
  /**
   * The form inputs; `editing` is null when adding. `item(name)` gives each Form.Item its name and
   * the rule of the schema in use, so no form restates a validation rule. A row being edited fills
   * the form as it is.
   */
  form: (editing: T | null, item: SchemaItem<C, U>) => ReactNode;
  /** More buttons in each row beside "edit" (e.g. reset a user's password). */
  rowActions?: (row: T) => ReactNode;
}

/** The texts of a row a person may search for (names, codes, numbers, nested focal points). */
function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(textOf).join(" ");
  if (typeof value === "object" && value !== null)
    return Object.entries(value)
      .filter(([k]) => k !== "id" && !k.endsWith("Id"))
      .map(([, v]) => textOf(v))
      .join(" ");
  return "";
}

/** One administration list with add and edit dialogs (R-SE1, R-KB2); the server validates and audits. */
export function AdminCrud<
  V extends ZodObject<{ id: ZodType<string | number> }>,
  C extends ZodObject,
  U extends ZodObject,
  T extends z.output<V> = z.output<V>,
>(p: Props<V, C, U, T>) {
  const { t } = useTranslation();
  const attempt = useAttempt();
  const { key, list: listPath, save: savePath, createSchema, updateSchema } = p.resource;
  const list = useAdminList<T>([key], `${listPath}?includeInactive=true`);
  const save = useAdminSave<T, T["id"]>(savePath, (id) => `${savePath}/${id}`);
  const [form] = Form.useForm<Record<string, unknown>>();
  const [editing, setEditing] = useState<{ row: T | null } | null>(null);
  // The search box (issue 18): every text of a row, matched without diacritics by the one fold of
  // the Q&A search; kept in the URL.
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const setQ = (value: string) =>
    setParams((old) => {
      const next = new URLSearchParams(old);
      if (value.trim()) next.set("q", value);
      else next.delete("q");
      return next;
    });
  const rows = (list.data ?? []).filter((row) => !q.trim() || matchesFolded(q, textOf(row)));
  const open = (row: T | null) => {
    save.reset();
    setEditing({ row });
  };

  const submit = async (values: Record<string, unknown>) => {
    if (!editing) return;
    const id = editing.row ? editing.row.id : null;
    // The body is the schema's output: trimmed, blanks as null, exactly what the server parses.
    const body: z.output<C> | z.output<U> =
      id === null ? parseForm(createSchema, values) : parseForm(updateSchema, values);
    if ((await attempt(save, { id, body }, t("admin.saved"))) !== null) setEditing(null);
  };
  const columns: ColumnsType<T> = [
    ...p.columns,
    {
      title: t("request.actions"),
      key: "edit",
      width: p.rowActions ? 220 : 90,
      render: (_: unknown, row: T) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => open(row)}>
            {t("admin.edit")}
          </Button>
          {p.rowActions?.(row)}
        </Space>
      ),
    },
  ];

  return (
    <Page
      title={p.title}
      extra={
        <Space wrap>
          <Input.Search
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t("worklist.searchHint")}
            aria-label={`${t("worklist.search")}: ${p.title}`}
            style={{ width: 260 }}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
            {t("admin.add")}
          </Button>
        </Space>
      }
    >
      <QueryTable<T>
        query={list}
        what={p.title}
        rowKey={(row) => String(row.id)}
        loading={list.isPending}
        dataSource={rows}
        locale={q.trim() ? readableEmpty(t("worklist.noMatch", { q })) : undefined}
        columns={columns}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        stacked={{ trailing: 1, scrollX: 900 }}
      />
      <FormModal
        open={editing !== null}
        naming={{ noun: p.noun, name: editing?.row ? p.nameOf(editing.row) : undefined }}
        form={form}
        mutation={save}
        onCancel={() => setEditing(null)}
        width={640}
      >
        {editing && (
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={editing.row ? { ...editing.row } : undefined}
            onFinish={(v) => void submit(v)}
          >
            {p.form(editing.row, (name, emptyMessage) =>
              schemaItem(editing.row ? updateSchema : createSchema, name, emptyMessage),
            )}
          </Form>
        )}
      </FormModal>
    </Page>
  );
}
