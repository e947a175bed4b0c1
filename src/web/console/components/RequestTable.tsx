import { Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { RequestSummary } from "../../../shared/schemas/requests.js";
import { AwaitingRequesterTag, Countdown, formatTime, rowClass, StatusTag, UrgentTag } from "./Badges.js";

interface Props {
  items: RequestSummary[];
  loading?: boolean;
  caption: string;
  /** Where a request opens (a real link: it can also open in a new tab). */
  linkTo: (item: RequestSummary) => string;
  selectedId?: string;
  compact?: boolean;
}

/** A list of requests: code, time, requester, content, status, agency and working-time countdown. */
export function RequestTable({ items, loading, caption, linkTo, selectedId, compact }: Props) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const columns: ColumnsType<RequestSummary> = [
    {
      title: t("request.code"),
      dataIndex: "code",
      width: 150,
      render: (_: string, r) => (
        <Space size={4} wrap>
          <Link to={linkTo(r)} aria-label={`${t("request.open")} ${r.code}`}>
            {r.code}
          </Link>
          {r.urgency === "urgent" && <UrgentTag />}
        </Space>
      ),
    },
    {
      title: t("request.receivedAt"),
      dataIndex: "receivedAt",
      width: 140,
      render: (v: string) => formatTime(v),
    },
    ...(compact
      ? []
      : [
          {
            title: t("request.channel"),
            dataIndex: "channel",
            width: 120,
            render: (v: RequestSummary["channel"]) => t(`channel.${v}`),
          },
          {
            title: t("request.requester"),
            key: "requester",
            width: 160,
            render: (_: unknown, r: RequestSummary) => r.requesterName ?? r.requesterPhone ?? "—",
          },
        ]),
    {
      title: t("request.content"),
      dataIndex: "contentPreview",
      ellipsis: true,
    },
    {
      title: t("request.status"),
      dataIndex: "status",
      width: 170,
      render: (v: RequestSummary["status"], r: RequestSummary) => (
        <Space size={4} wrap>
          <StatusTag status={v} />
          <AwaitingRequesterTag since={r.awaitingRequesterSince} />
        </Space>
      ),
    },
    ...(compact ? [] : [{ title: t("request.agency"), dataIndex: "agencyName", width: 160, ellipsis: true }]),
    {
      title: t("request.deadline"),
      key: "due",
      width: 190,
      render: (_: unknown, r: RequestSummary) => <Countdown summary={r} />,
    },
  ];
  return (
    <Table<RequestSummary>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      rowClassName={(r) => `${rowClass(r)}${r.id === selectedId ? " ant-table-row-selected" : ""}`}
      onRow={(r) => ({ onDoubleClick: () => void navigate(linkTo(r)) })}
      title={() => <Typography.Text strong>{caption}</Typography.Text>}
      // An empty table does not scroll: a scroll container with nothing focusable in it fails axe.
      scroll={items.length > 0 ? { x: compact ? 600 : 1000 } : undefined}
    />
  );
}
