import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en/index.js";
import { vi } from "./vi/index.js";

export const languages = ["vi", "en"] as const;
export type Language = (typeof languages)[number];

const stored = typeof localStorage === "undefined" ? null : localStorage.getItem("console.lang");
const initial: Language = stored === "en" ? "en" : "vi";

// Vietnamese first; English from the same keys. Missing English keys fall back to Vietnamese.
void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: "vi",
  interpolation: { escapeValue: false },
});

export function setLanguage(lang: Language): void {
  localStorage.setItem("console.lang", lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

document.documentElement.lang = initial;

export { i18next };
