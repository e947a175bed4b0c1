import { Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { roles } from "../../../../shared/permissions.js";
import type { UserView } from "../../../../shared/schemas/admin.js";
import { formatTime } from "../../components/Badges.js";
import { AgencySelect } from "../../components/DirectorySelects.js";
import { AdminCrud, activeColumn, activeItem, adminResources, textItem } from "./AdminCrud.js";
import { ResetPassword } from "./ResetPassword.js";

/** Users and roles (R-SE1): accounts are issued by the administrator. */
export default function AdminUsers() {
  const { t } = useTranslation();
  const choose = (label: string) => t("admin.choose", { field: label.toLowerCase() });
  return (
    <AdminCrud
      title={t("admin.usersTitle")}
      noun={t("admin.nouns.user")}
      nameOf={(user) => `${user.fullName} (${user.username})`}
      resource={adminResources.users}
      rowActions={(u) => <ResetPassword user={u} />}
      columns={[
        { title: t("admin.username"), dataIndex: "username" },
        { title: t("admin.fullName"), dataIndex: "fullName" },
        { title: t("admin.role"), dataIndex: "role", render: (r: UserView["role"]) => t(`role.${r}`) },
        { title: t("admin.agency"), dataIndex: "agencyName", render: (v: string | null) => v ?? "—" },
        activeColumn(t),
        {
          title: t("admin.lastLogin"),
          dataIndex: "lastLoginAt",
          render: (v: string | null) => (v ? formatTime(v) : "—"),
        },
      ]}
      form={(editing, item) => (
        <>
          {!editing && textItem(item, "username", t("admin.username"))}
          {textItem(item, "fullName", t("admin.fullName"))}
          {!editing && (
            <Form.Item {...item("password")} label={t("admin.password")}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          <Form.Item {...item("role", choose(t("admin.role")))} label={t("admin.role")}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
          </Form.Item>
          <Form.Item {...item("agencyId")} label={t("admin.agency")}>
            <AgencySelect allowClear />
          </Form.Item>
          {textItem(item, "phone", t("desk.phone"))}
          {textItem(item, "email", t("admin.email"), "email")}
          {activeItem(editing, item, t("admin.active"))}
        </>
      )}
    />
  );
}
