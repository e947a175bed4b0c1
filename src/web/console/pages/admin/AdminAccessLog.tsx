import { Space, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  type AccessAction,
  type AccessLogEntry,
  accessActions,
} from "../../../../shared/schemas/access-log.js";
import { useAgencies } from "../../api/directory.js";
import { useCan } from "../../api/session.js";
import { LogPage } from "../../components/LogPage.js";

/**
 * Who read which request's personal data, downloaded, extracted or revealed what, when and from
 * where (issue 14), newest first. The administrator sees the record of access, not the data.
 */
export default function AdminAccessLog() {
  const { t } = useTranslation();
  const can = useCan();
  const agencies = useAgencies();
  const agencyNames = new Map((agencies.data ?? []).map((a) => [a.id, a.name]));
  return (
    <LogPage<AccessLogEntry>
      title={t("accessLog.title")}
      path="/api/v1/admin/access-log"
      filter={{
        name: "access-log-filter",
        choice: {
          name: "action",
          label: t("accessLog.action"),
          placeholder: t("accessLog.allActions"),
          width: 220,
          options: accessActions.map((a) => ({ value: a, label: t(`accessLog.actions.${a}`) })),
        },
        id: { name: "requestId", label: t("accessLog.requestId"), width: 320 },
        submit: t("accessLog.filter"),
      }}
      scrollX={1100}
      columns={[
        {
          title: t("accessLog.actor"),
          key: "actor",
          width: 190,
          render: (_: unknown, e) => (
            <Space direction="vertical" size={0}>
              <span>{e.actorLabel}</span>
              <Typography.Text type="secondary">{t(`role.${e.actorRole}`, e.actorRole)}</Typography.Text>
            </Space>
          ),
        },
        {
          title: t("accessLog.action"),
          dataIndex: "action",
          width: 170,
          render: (v: AccessAction) => t(`accessLog.actions.${v}`),
        },
        {
          title: t("accessLog.request"),
          dataIndex: "requestId",
          width: 120,
          render: (v: string | null) =>
            v === null ? (
              "—"
            ) : can("request.read") ? (
              <Link to={`/requests/${v}`} title={v}>{`${v.slice(0, 8)}…`}</Link>
            ) : (
              <Typography.Text title={v}>{`${v.slice(0, 8)}…`}</Typography.Text>
            ),
        },
        {
          title: t("accessLog.target"),
          dataIndex: "target",
          width: 140,
          render: (v: string | null) => v ?? "—",
        },
        {
          title: t("accessLog.origin"),
          key: "origin",
          width: 200,
          render: (_: unknown, e) => (
            <Space direction="vertical" size={0}>
              <span>{e.ip ?? "—"}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.userAgent ? e.userAgent.slice(0, 60) : ""}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: t("accessLog.details"),
          dataIndex: "details",
          render: (v: Record<string, unknown>) => (
            <Typography.Text style={{ fontSize: 12, overflowWrap: "anywhere" }}>
              {Object.keys(v).length > 0
                ? detailLines(v, t, agencyNames).map((line) => <div key={line}>{line}</div>)
                : "—"}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

/**
 * An entry's details in words, one a line, not as JSON: "Liên hệ: được che", the list's filters as
 * "trang 1, danh sách cần xử lý", agencies by name, the requests a list returned as their number.
 */
function detailLines(
  details: Record<string, unknown>,
  t: TFunction,
  agencies: Map<string, string>,
): string[] {
  const value = (key: string, v: unknown): string => {
    const text = String(v);
    if (key === "agencyId") return agencies.get(text) ?? text;
    if (!/^[a-z_]+$/.test(text)) return text; // typed search words, endpoints, file names: as they are
    if (key === "status" || key === "channel") return t(`${key}.${text}`, { defaultValue: text });
    return t(`accessLog.filterValues.${text}`, {
      defaultValue: t(`accessLog.detailValues.${text}`, { defaultValue: text }),
    });
  };
  const word = (key: string, v: unknown, inFilters = false): string =>
    Array.isArray(v)
      ? inFilters
        ? v.map((x) => value(key, x)).join(" / ")
        : String(v.length)
      : typeof v === "object" && v !== null
        ? Object.entries(v)
            .map(([k, x]) => `${t(`accessLog.filterKeys.${k}`, { defaultValue: k })} ${word(k, x, true)}`)
            .join(", ") || "—"
        : value(key, v);
  return Object.entries(details).map(
    ([k, v]) => `${t(`accessLog.detailKeys.${k}`, { defaultValue: k })}: ${word(k, v)}`,
  );
}
