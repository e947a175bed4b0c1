import { Form, Input, InputNumber, Switch, Tag } from "antd";
import { useTranslation } from "react-i18next";
import {
  createFieldBody,
  createRefusalReasonBody,
  type FieldView,
  type RefusalReasonView,
  updateFieldBody,
  updateRefusalReasonBody,
} from "../../../../shared/schemas/admin.js";
import type { SchemaItem } from "./AdminCrud.js";
import { AdminCrud } from "./AdminCrud.js";

const activeColumn = (t: (k: string) => string) => ({
  title: t("admin.active"),
  dataIndex: "active",
  width: 110,
  render: (v: boolean) => <Tag>{v ? t("admin.active") : t("admin.inactive")}</Tag>,
});

/** The field list (R-IN2, Art. 5) and the refusal reasons (R-IN4, Art. 9.2). */
export default function AdminLists({ kind }: { kind: "fields" | "reasons" }) {
  const { t } = useTranslation();
  // Fields and refusal reasons share the "code" and "active" inputs.
  type Item = (
    name: "code" | "active",
  ) => ReturnType<SchemaItem<typeof createFieldBody, typeof updateFieldBody>>;
  const activeSwitch = (editing: unknown, item: Item) =>
    editing ? (
      <Form.Item {...item("active")} label={t("admin.active")} valuePropName="checked">
        <Switch />
      </Form.Item>
    ) : null;
  const code = (item: Item) => (
    <Form.Item {...item("code")} label={t("admin.code")}>
      <Input autoComplete="off" />
    </Form.Item>
  );
  if (kind === "fields") {
    return (
      <AdminCrud
        key="fields"
        title={t("admin.fieldsTitle")}
        listKey="fields"
        listUrl="/api/v1/fields?includeInactive=true"
        createUrl="/api/v1/admin/fields"
        updateUrl={(id: number) => `/api/v1/admin/fields/${id}`}
        rowId={(f: FieldView) => f.id}
        createSchema={createFieldBody}
        updateSchema={updateFieldBody}
        columns={[
          { title: t("admin.code"), dataIndex: "code", width: 160 },
          { title: t("admin.name"), dataIndex: "name" },
          { title: t("admin.order"), dataIndex: "sortOrder", width: 100 },
          activeColumn(t),
        ]}
        toValues={(f) => ({ ...f })}
        form={(editing, item) => (
          <>
            {code(item)}
            <Form.Item {...item("name")} label={t("admin.name")}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item {...item("description")} label={t("admin.description")}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item {...item("sortOrder")} label={t("admin.order")}>
              <InputNumber min={0} />
            </Form.Item>
            {activeSwitch(editing, item)}
          </>
        )}
      />
    );
  }
  return (
    <AdminCrud
      key="reasons"
      title={t("admin.reasonsTitle")}
      listKey="reasons"
      listUrl="/api/v1/refusal-reasons?includeInactive=true"
      createUrl="/api/v1/admin/refusal-reasons"
      updateUrl={(id: number) => `/api/v1/admin/refusal-reasons/${id}`}
      rowId={(r: RefusalReasonView) => r.id}
      createSchema={createRefusalReasonBody}
      updateSchema={updateRefusalReasonBody}
      columns={[
        { title: t("admin.code"), dataIndex: "code", width: 200 },
        { title: t("admin.reason"), dataIndex: "text" },
        activeColumn(t),
      ]}
      toValues={(r) => ({ ...r })}
      form={(editing, item) => (
        <>
          {code(item)}
          <Form.Item {...item("text")} label={t("admin.reason")}>
            <Input.TextArea rows={3} />
          </Form.Item>
          {activeSwitch(editing, item)}
        </>
      )}
    />
  );
}
