import { Form, Input, InputNumber } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ZodObject, ZodType, z } from "zod";
import {
  AdminCrud,
  type AdminResource,
  activeColumn,
  activeItem,
  adminResources,
  type SchemaItem,
  textItem,
} from "./AdminCrud.js";

/**
 * A list of codes (fields, refusal reasons): the code first, then the list's own columns and
 * inputs, the "active" column and switch last.
 */
function CodeList<
  V extends ZodObject<{ id: ZodType<string | number> }>,
  C extends ZodObject<{ code: ZodType }>,
  U extends ZodObject<{ active: ZodType }>,
>({
  title,
  noun,
  nameOf,
  resource,
  codeWidth,
  columns,
  inputs,
}: {
  title: string;
  noun: string;
  nameOf: (row: z.output<V>) => string;
  resource: AdminResource<V, C, U>;
  codeWidth: number;
  columns: ColumnsType<z.output<V>>;
  inputs: (item: SchemaItem<C, U>) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <AdminCrud
      title={title}
      noun={noun}
      nameOf={nameOf}
      resource={resource}
      columns={[{ title: t("admin.code"), dataIndex: "code", width: codeWidth }, ...columns, activeColumn(t)]}
      form={(editing, item) => (
        <>
          {textItem(item, "code", t("admin.code"))}
          {inputs(item)}
          {activeItem(editing, item, t("admin.active"))}
        </>
      )}
    />
  );
}

/** The field list (R-IN2, Art. 5). */
export function Fields() {
  const { t } = useTranslation();
  return (
    <CodeList
      title={t("admin.fieldsTitle")}
      noun={t("admin.nouns.field")}
      nameOf={(field) => field.name}
      resource={adminResources.fields}
      codeWidth={160}
      columns={[
        { title: t("admin.name"), dataIndex: "name" },
        { title: t("admin.order"), dataIndex: "sortOrder", width: 100 },
      ]}
      inputs={(item) => (
        <>
          {textItem(item, "name", t("admin.name"))}
          <Form.Item {...item("description")} label={t("admin.description")}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item {...item("sortOrder")} label={t("admin.order")}>
            <InputNumber min={0} />
          </Form.Item>
        </>
      )}
    />
  );
}

/** The refusal reasons (R-IN4, Art. 9.2). */
export function Reasons() {
  const { t } = useTranslation();
  return (
    <CodeList
      title={t("admin.reasonsTitle")}
      noun={t("admin.nouns.reason")}
      nameOf={(reason) => reason.code}
      resource={adminResources.reasons}
      codeWidth={200}
      columns={[{ title: t("admin.reason"), dataIndex: "text" }]}
      inputs={(item) => (
        <Form.Item {...item("text")} label={t("admin.reason")}>
          <Input.TextArea rows={3} />
        </Form.Item>
      )}
    />
  );
}
