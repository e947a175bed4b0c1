import { Select, type SelectProps } from "antd";
import { useTranslation } from "react-i18next";
import { useAgencies, useFields } from "../api/directory.js";
import { matchesFolded } from "./fold.js";

type Props = Omit<SelectProps<string>, "options" | "loading" | "showSearch" | "mode">;

const search = {
  filterOption: (typed: string, option?: { label?: unknown }) =>
    matchesFolded(typed, String(option?.label ?? "")),
};

/**
 * The one picker for an agency, wherever one is chosen (forwarding, assigning, users, reports):
 * active agencies from the directory, matched without diacritics ("y te" finds "Sở Y tế"). The
 * value is the agency's id, or its code with `valueBy="code"` (report filters).
 */
export function AgencySelect({ valueBy = "id", ...props }: Props & { valueBy?: "id" | "code" }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  return (
    <Select<string>
      showSearch={search}
      loading={agencies.isPending}
      options={(agencies.data ?? [])
        .filter((a) => a.active)
        .map((a) => ({ value: valueBy === "id" ? a.id : a.code, label: a.name }))}
      status={agencies.isError ? "error" : undefined}
      notFoundContent={agencies.isError ? t("app.notAvailable") : undefined}
      {...props}
    />
  );
}

/** The one picker for a field (Art. 5), by its code, matched without diacritics. */
export function FieldSelect(props: Props) {
  const { t } = useTranslation();
  const fields = useFields();
  return (
    <Select<string>
      allowClear
      showSearch={search}
      loading={fields.isPending}
      options={(fields.data ?? []).filter((f) => f.active).map((f) => ({ value: f.code, label: f.name }))}
      status={fields.isError ? "error" : undefined}
      notFoundContent={fields.isError ? t("app.notAvailable") : undefined}
      {...props}
    />
  );
}
