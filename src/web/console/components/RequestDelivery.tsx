import { PaperClipOutlined } from "@ant-design/icons";
import { List, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import { formatTime } from "./Badges.js";
import { DeliveryError } from "./DeliveryError.js";
import { PlainTable, SectionCard } from "./Page.js";

type Outbound = RequestDetail["outbox"][number];

/** Delivery states of the outbox (docs/channels.md): colour says whether staff should act. */
const deliveryColour: Record<string, string> = {
  pending: "blue",
  sending: "processing",
  sent: "green",
  failed: "red",
  undeliverable: "orange",
};

const sizeText = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(0)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The request's files, each a download from GET /api/v1/requests/:id/attachments/:attachmentId. */
export function Attachments({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  if (detail.attachments.length === 0) return null;
  return (
    <SectionCard title={t("attachments.title")}>
      <List
        size="small"
        dataSource={detail.attachments}
        renderItem={(a) => (
          <List.Item>
            <a
              href={`/api/v1/requests/${detail.id}/attachments/${a.id}`}
              download={a.filename}
              aria-label={t("attachments.download", { name: a.filename })}
            >
              <PaperClipOutlined /> {a.filename}
            </a>
            <Typography.Text type="secondary">
              {a.mimeType} · {sizeText(a.sizeBytes)}
            </Typography.Text>
          </List.Item>
        )}
      />
    </SectionCard>
  );
}

/**
 * A column whose heading and values keep to one line at 1366 px: the last error, the one long text,
 * wraps instead («Gửi lúc» and the times broke over two lines beside it).
 */
const oneLine = { onHeaderCell: () => ({ style: { whiteSpace: "nowrap" as const } }) };
const timeText = (v: string | null) =>
  v ? <span style={{ whiteSpace: "nowrap" }}>{formatTime(v)}</span> : "—";

/** Every message to the requester and how its delivery went (R-CH3–5): state, attempts, last error. */
export function OutboundMessages({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  if (detail.outbox.length === 0) return null;
  return (
    <SectionCard title={t("outbox.title")}>
      {/* On a phone each message's kind, state, attempts and times stand under its channel. */}
      <PlainTable<Outbound>
        rowKey="id"
        dataSource={detail.outbox}
        stacked={{ scrollX: 800 }}
        columns={[
          {
            title: t("outbox.channel"),
            dataIndex: "channel",
            render: (v: string) => t(`channel.${v}`, v),
          },
          {
            title: t("outbox.kind"),
            dataIndex: "kind",
            render: (v: string) => t(`outbox.kinds.${v}`, v),
          },
          {
            title: t("outbox.status"),
            dataIndex: "status",
            ...oneLine,
            render: (v: string, row: Outbound) => (
              <>
                <Tag color={deliveryColour[v] ?? "default"}>{t(`outbox.statuses.${v}`, v)}</Tag>
                {/* The gateway's later delivery report (SMS), when one came. */}
                {row.deliveryStatus ? (
                  <Tag color={row.deliveryStatus === "delivered" ? "green" : "red"}>
                    {t(`outbox.deliveries.${row.deliveryStatus}`)}
                  </Tag>
                ) : null}
                {/* What the network said, in its own words (often unaccented): for whoever calls back. */}
                {row.deliveryError ? (
                  <Typography.Paragraph
                    type="secondary"
                    style={{ margin: 0, fontSize: 12, whiteSpace: "normal" }}
                    ellipsis={{ rows: 2, tooltip: row.deliveryError }}
                  >
                    {t("outbox.deliveryError", { error: row.deliveryError })}
                  </Typography.Paragraph>
                ) : null}
              </>
            ),
          },
          { title: t("outbox.attempts"), dataIndex: "attempts", align: "right", ...oneLine },
          {
            title: t("outbox.lastError"),
            dataIndex: "lastError",
            render: (v: string | null, row: Outbound) => (
              <DeliveryError
                error={v}
                reason={row.lastErrorReason}
                status={row.status}
                channel={row.channel}
              />
            ),
          },
          { title: t("outbox.createdAt"), dataIndex: "createdAt", render: timeText, ...oneLine },
          { title: t("outbox.sentAt"), dataIndex: "sentAt", render: timeText, ...oneLine },
        ]}
      />
    </SectionCard>
  );
}
