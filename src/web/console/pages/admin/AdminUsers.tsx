import { Form, Input, Select, Switch, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { roles } from "../../../../shared/permissions.js";
import { createUserBody, type UserView, updateUserBody } from "../../../../shared/schemas/admin.js";
import { formatTime } from "../../components/Badges.js";
import { AgencySelect } from "../../components/DirectorySelects.js";
import { AdminCrud } from "./AdminCrud.js";
import { ResetPassword } from "./ResetPassword.js";

/** Users and roles (R-SE1): accounts are issued by the administrator. */
export default function AdminUsers() {
  const { t } = useTranslation();
  const choose = (label: string) => t("admin.choose", { field: label.toLowerCase() });
  return (
    <AdminCrud
      title={t("admin.usersTitle")}
      listKey="users"
      listUrl="/api/v1/admin/users?includeInactive=true"
      createUrl="/api/v1/admin/users"
      updateUrl={(id: string) => `/api/v1/admin/users/${id}`}
      rowId={(u: UserView) => u.id}
      createSchema={createUserBody}
      updateSchema={updateUserBody}
      rowActions={(u) => <ResetPassword user={u} />}
      columns={[
        { title: t("admin.username"), dataIndex: "username" },
        { title: t("admin.fullName"), dataIndex: "fullName" },
        { title: t("admin.role"), dataIndex: "role", render: (r: UserView["role"]) => t(`role.${r}`) },
        { title: t("admin.agency"), dataIndex: "agencyName", render: (v: string | null) => v ?? "—" },
        {
          title: t("admin.active"),
          dataIndex: "active",
          render: (v: boolean) => (
            <Tag color={v ? "green" : "default"}>{v ? t("admin.active") : t("admin.inactive")}</Tag>
          ),
        },
        {
          title: t("admin.lastLogin"),
          dataIndex: "lastLoginAt",
          render: (v: string | null) => (v ? formatTime(v) : "—"),
        },
      ]}
      toValues={(u) => ({ ...u })}
      form={(editing, item) => (
        <>
          {!editing && (
            <Form.Item {...item("username")} label={t("admin.username")}>
              <Input autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item {...item("fullName")} label={t("admin.fullName")}>
            <Input autoComplete="off" />
          </Form.Item>
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
          <Form.Item {...item("phone")} label={t("desk.phone")}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item {...item("email")} label={t("admin.email")}>
            <Input type="email" autoComplete="off" />
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
