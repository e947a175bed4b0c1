import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import dayjs from "dayjs";
import "dayjs/locale/vi";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { useTranslation } from "react-i18next";
import { RouterProvider } from "react-router";
import { antdVi } from "./antd-locale.js";
import { ApiError } from "./api/client.js";
import "./i18n/index.js";
import "./styles.css";
import { router } from "./routes.js";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      // A 4xx will not get better by retrying; a dropped network might.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

function Root() {
  const { i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  dayjs.locale(lang);
  return (
    <ConfigProvider
      locale={lang === "en" ? enUS : antdVi}
      theme={{
        // Secondary text darker than the default so it passes WCAG AA contrast (axe).
        token: {
          colorPrimary: "#0b5cad",
          borderRadius: 6,
          fontSize: 14,
          colorTextSecondary: "#595959",
          colorTextDescription: "#595959",
          colorLink: "#0b5cad",
          colorError: "#cf1322",
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

const container = document.getElementById("root");
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
