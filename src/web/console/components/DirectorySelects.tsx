import { Select, type SelectProps } from "antd";
import { useTranslation } from "react-i18next";
import { fold, matchesFolded } from "../../../shared/fold.js";
import { useAgencies, useFields } from "../api/directory.js";

type Props = Omit<SelectProps<string>, "options" | "loading" | "showSearch" | "mode">;

type Option = { label?: unknown };
const labelOf = (o?: Option) => String(o?.label ?? "");
/** Matched without diacritics; the best matches first (where the typed text starts, then name order). */
export const foldedSearch = {
  filterOption: (typed: string, option?: Option) => matchesFolded(typed, labelOf(option)),
  filterSort: (a: Option, b: Option, info: { searchValue: string }) => {
    const typed = fold(info.searchValue).trim();
    const at = (o: Option) => {
      const i = fold(labelOf(o)).indexOf(typed);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    return at(a) - at(b) || labelOf(a).localeCompare(labelOf(b), "vi");
  },
};

/**
 * The one picker for an agency, wherever one is chosen (forwarding, assigning, users, reports):
 * active agencies from the directory, matched without diacritics ("y te" finds "Sở Y tế"). The
 * value is the agency's id, or its code with `valueBy="code"` (report filters). `fixedTo` (an
 * agency's id: the signed-in member's own) shows that agency alone, chosen and not changeable.
 */
export function AgencySelect({
  valueBy = "id",
  fixedTo,
  ...props
}: Props & { valueBy?: "id" | "code"; fixedTo?: string | null }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const options = (agencies.data ?? [])
    .filter((a) => a.active && (!fixedTo || a.id === fixedTo))
    .map((a) => ({ value: valueBy === "id" ? a.id : a.code, label: a.name }));
  const fixed = fixedTo ? { disabled: true, allowClear: false, value: options[0]?.value } : {};
  return (
    <Select<string>
      showSearch={foldedSearch}
      loading={agencies.isPending}
      options={options}
      status={agencies.isError ? "error" : undefined}
      notFoundContent={agencies.isError ? t("app.notAvailable") : undefined}
      {...props}
      {...fixed}
    />
  );
}

/** The one picker for a field (Art. 5), by its code, matched without diacritics (several: a mass event's). */
export function FieldSelect(props: Props & { mode?: "multiple" }) {
  const { t } = useTranslation();
  const fields = useFields();
  return (
    <Select<string>
      allowClear
      showSearch={foldedSearch}
      loading={fields.isPending}
      options={(fields.data ?? []).filter((f) => f.active).map((f) => ({ value: f.code, label: f.name }))}
      status={fields.isError ? "error" : undefined}
      notFoundContent={fields.isError ? t("app.notAvailable") : undefined}
      {...props}
    />
  );
}
