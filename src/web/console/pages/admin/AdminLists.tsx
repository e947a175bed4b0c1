import { Form, Input, InputNumber, Switch, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { FieldView, RefusalReasonView } from "../../../../shared/schemas/admin.js";
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
  const activeSwitch = (editing: unknown) =>
    editing ? (
      <Form.Item name="active" label={t("admin.active")} valuePropName="checked">
        <Switch />
      </Form.Item>
    ) : null;
  const code = (
    <Form.Item name="code" label={t("admin.code")} rules={[{ required: true, message: t("admin.code") }]}>
      <Input autoComplete="off" />
    </Form.Item>
  );
  if (kind === "fields") {
    return (
      <AdminCrud<FieldView, number>
        key="fields"
        title={t("admin.fieldsTitle")}
        listKey="fields"
        listUrl="/api/v1/fields?includeInactive=true"
        createUrl="/api/v1/admin/fields"
        updateUrl={(id) => `/api/v1/admin/fields/${id}`}
        rowId={(f) => f.id}
        columns={[
          { title: t("admin.code"), dataIndex: "code", width: 160 },
          { title: t("admin.name"), dataIndex: "name" },
          { title: t("admin.order"), dataIndex: "sortOrder", width: 100 },
          activeColumn(t),
        ]}
        toValues={(f) => ({ ...f })}
        toBody={(v, editing) => ({
          code: v.code,
          name: v.name,
          description: v.description ?? null,
          sortOrder: v.sortOrder ?? undefined,
          ...(editing ? { active: v.active } : {}),
        })}
        form={(editing) => (
          <>
            {code}
            <Form.Item
              name="name"
              label={t("admin.name")}
              rules={[{ required: true, message: t("admin.name") }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="description" label={t("admin.description")}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="sortOrder" label={t("admin.order")}>
              <InputNumber min={0} />
            </Form.Item>
            {activeSwitch(editing)}
          </>
        )}
      />
    );
  }
  return (
    <AdminCrud<RefusalReasonView, number>
      key="reasons"
      title={t("admin.reasonsTitle")}
      listKey="reasons"
      listUrl="/api/v1/refusal-reasons?includeInactive=true"
      createUrl="/api/v1/admin/refusal-reasons"
      updateUrl={(id) => `/api/v1/admin/refusal-reasons/${id}`}
      rowId={(r) => r.id}
      columns={[
        { title: t("admin.code"), dataIndex: "code", width: 200 },
        { title: t("admin.reason"), dataIndex: "text" },
        activeColumn(t),
      ]}
      toValues={(r) => ({ ...r })}
      toBody={(v, editing) => ({ code: v.code, text: v.text, ...(editing ? { active: v.active } : {}) })}
      form={(editing) => (
        <>
          {code}
          <Form.Item
            name="text"
            label={t("admin.reason")}
            rules={[{ required: true, message: t("admin.reason") }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          {activeSwitch(editing)}
        </>
      )}
    />
  );
}
