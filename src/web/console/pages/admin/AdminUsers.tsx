import { Form, Input, Select, Switch, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { roles } from "../../../../shared/permissions.js";
import type { UserView } from "../../../../shared/schemas/admin.js";
import { formatTime } from "../../components/Badges.js";
import { AgencySelect } from "../../components/DirectorySelects.js";
import { AdminCrud } from "./AdminCrud.js";
import { ResetPassword } from "./ResetPassword.js";

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** Users and roles (R-SE1): accounts are issued by the administrator. */
export default function AdminUsers() {
  const { t } = useTranslation();
  return (
    <AdminCrud<UserView, string>
      title={t("admin.usersTitle")}
      listKey="users"
      listUrl="/api/v1/admin/users?includeInactive=true"
      createUrl="/api/v1/admin/users"
      updateUrl={(id) => `/api/v1/admin/users/${id}`}
      rowId={(u) => u.id}
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
      toBody={(v, editing) => {
        const common = {
          fullName: v.fullName,
          role: v.role,
          agencyId: v.agencyId ?? null,
          phone: blankToNull(v.phone),
          email: blankToNull(v.email),
        };
        return editing
          ? { ...common, active: v.active }
          : { ...common, username: v.username, password: v.password };
      }}
      form={(editing) => (
        <>
          {!editing && (
            <Form.Item
              name="username"
              label={t("admin.username")}
              rules={[{ required: true, message: t("admin.username") }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item
            name="fullName"
            label={t("admin.fullName")}
            rules={[{ required: true, message: t("admin.fullName") }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          {!editing && (
            <Form.Item
              name="password"
              label={t("admin.password")}
              rules={[{ required: true, min: 8, message: t("admin.password") }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          <Form.Item
            name="role"
            label={t("admin.role")}
            rules={[{ required: true, message: t("admin.role") }]}
          >
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
          </Form.Item>
          <Form.Item name="agencyId" label={t("admin.agency")}>
            <AgencySelect allowClear />
          </Form.Item>
          <Form.Item name="phone" label={t("desk.phone")}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="email" label={t("admin.email")}>
            <Input type="email" autoComplete="off" />
          </Form.Item>
          {editing && (
            <Form.Item name="active" label={t("admin.active")} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </>
      )}
    />
  );
}
