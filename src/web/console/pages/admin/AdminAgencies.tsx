import { Form, Input, Select, Switch, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { type AgencyView, createAgencyBody, updateAgencyBody } from "../../../../shared/schemas/admin.js";
import { AdminCrud } from "./AdminCrud.js";

const kinds = ["department", "commune", "other"] as const;

/** Agencies with their registered hotline numbers and focal points (R-KB2, Art. 14.4). */
export default function AdminAgencies() {
  const { t } = useTranslation();
  return (
    <AdminCrud
      title={t("admin.agenciesTitle")}
      listKey="agencies"
      listUrl="/api/v1/agencies?includeInactive=true"
      createUrl="/api/v1/admin/agencies"
      updateUrl={(id: string) => `/api/v1/admin/agencies/${id}`}
      rowId={(a: AgencyView) => a.id}
      createSchema={createAgencyBody}
      updateSchema={updateAgencyBody}
      columns={[
        { title: t("admin.code"), dataIndex: "code", width: 110 },
        { title: t("admin.name"), dataIndex: "name" },
        {
          title: t("admin.kind"),
          dataIndex: "kind",
          width: 130,
          render: (k: AgencyView["kind"]) => t(`admin.kinds.${k}`),
        },
        {
          title: t("admin.hotlines"),
          dataIndex: "hotlineNumbers",
          render: (numbers: string[]) => numbers.join(", ") || "—",
        },
        {
          title: t("admin.focalPoints"),
          dataIndex: "focalPoints",
          render: (people: AgencyView["focalPoints"]) => people.map((p) => p.fullName).join(", ") || "—",
        },
        {
          title: t("admin.active"),
          dataIndex: "active",
          width: 110,
          render: (v: boolean) => <Tag>{v ? t("admin.active") : t("admin.inactive")}</Tag>,
        },
      ]}
      toValues={(a) => ({ ...a })}
      form={(editing, item) => (
        <>
          <Form.Item {...item("code")} label={t("admin.code")}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item {...item("name")} label={t("admin.name")}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            {...item("kind", t("admin.choose", { field: t("admin.kind").toLowerCase() }))}
            label={t("admin.kind")}
          >
            <Select options={kinds.map((k) => ({ value: k, label: t(`admin.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item {...item("hotlineNumbers")} label={t("admin.hotlines")}>
            <Select mode="tags" tokenSeparators={[",", ";"]} open={false} />
          </Form.Item>
          <Form.Item {...item("email")} label={t("admin.email")}>
            <Input type="email" autoComplete="off" />
          </Form.Item>
          <Form.Item {...item("isCoordinator")} label={t("admin.isCoordinator")} valuePropName="checked">
            <Switch />
          </Form.Item>
          {editing && (
            <Form.Item {...item("active")} label={t("admin.active")} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </>
      )}
    />
  );
}
