import { Form, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import type { AgencyView } from "../../../../shared/schemas/admin.js";
import { AdminCrud, activeColumn, activeItem, adminResources, textItem } from "./AdminCrud.js";

const kinds = ["department", "commune", "other"] as const;

/** Agencies with their registered hotline numbers and focal points (R-KB2, Art. 14.4). */
export default function AdminAgencies() {
  const { t } = useTranslation();
  return (
    <AdminCrud
      title={t("admin.agenciesTitle")}
      noun={t("admin.nouns.agency")}
      nameOf={(agency) => agency.name}
      resource={adminResources.agencies}
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
        activeColumn(t),
      ]}
      form={(editing, item) => (
        <>
          {textItem(item, "code", t("admin.code"))}
          {textItem(item, "name", t("admin.name"))}
          <Form.Item {...item("kind", t("admin.kindRequired"))} label={t("admin.kind")}>
            <Select options={kinds.map((k) => ({ value: k, label: t(`admin.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item {...item("hotlineNumbers")} label={t("admin.hotlines")}>
            <Select mode="tags" tokenSeparators={[",", ";"]} open={false} />
          </Form.Item>
          {textItem(item, "email", t("admin.email"), "email")}
          <Form.Item {...item("isCoordinator")} label={t("admin.isCoordinator")} valuePropName="checked">
            <Switch />
          </Form.Item>
          {activeItem(editing, item, t("admin.active"))}
        </>
      )}
    />
  );
}
