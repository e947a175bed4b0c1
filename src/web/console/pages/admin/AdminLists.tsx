import { Form, Input, InputNumber } from "antd";
import { useTranslation } from "react-i18next";
import { AdminCrud, activeColumn, activeItem, adminResources, textItem } from "./AdminCrud.js";

/** The field list (R-IN2, Art. 5) and the refusal reasons (R-IN4, Art. 9.2). */
export default function AdminLists({ kind }: { kind: "fields" | "reasons" }) {
  const { t } = useTranslation();
  if (kind === "fields") {
    return (
      <AdminCrud
        key="fields"
        title={t("admin.fieldsTitle")}
        resource={adminResources.fields}
        columns={[
          { title: t("admin.code"), dataIndex: "code", width: 160 },
          { title: t("admin.name"), dataIndex: "name" },
          { title: t("admin.order"), dataIndex: "sortOrder", width: 100 },
          activeColumn(t),
        ]}
        form={(editing, item) => (
          <>
            {textItem(item, "code", t("admin.code"))}
            {textItem(item, "name", t("admin.name"))}
            <Form.Item {...item("description")} label={t("admin.description")}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item {...item("sortOrder")} label={t("admin.order")}>
              <InputNumber min={0} />
            </Form.Item>
            {activeItem(editing, item, t("admin.active"))}
          </>
        )}
      />
    );
  }
  return (
    <AdminCrud
      key="reasons"
      title={t("admin.reasonsTitle")}
      resource={adminResources.reasons}
      columns={[
        { title: t("admin.code"), dataIndex: "code", width: 200 },
        { title: t("admin.reason"), dataIndex: "text" },
        activeColumn(t),
      ]}
      form={(editing, item) => (
        <>
          {textItem(item, "code", t("admin.code"))}
          <Form.Item {...item("text")} label={t("admin.reason")}>
            <Input.TextArea rows={3} />
          </Form.Item>
          {activeItem(editing, item, t("admin.active"))}
        </>
      )}
    />
  );
}
