import { useTranslation } from "react-i18next";
import { type Language, setLanguage } from "../i18n/index.js";
import { RadioSegmented } from "./RadioSegmented.js";

/** VI | EN: the console's language, kept for the next visit. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <RadioSegmented<Language>
      aria-label={t("app.language")}
      size="small"
      value={i18n.language === "en" ? "en" : "vi"}
      options={[
        { label: "VI", value: "vi" },
        { label: "EN", value: "en" },
      ]}
      onChange={setLanguage}
    />
  );
}
