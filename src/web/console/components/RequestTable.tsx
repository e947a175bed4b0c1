import { Grid, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { RequestSummary } from "../../../shared/schemas/requests.js";
import {
  AwaitingRequesterTag,
  Countdown,
  formatTime,
  requesterOf,
  rowClass,
  StatusTag,
  UrgentTag,
} from "./Badges.js";
import { readableEmpty } from "./Page.js";

interface Props {
  items: RequestSummary[];
  loading?: boolean;
  caption: string;
  /** Where a request opens (a real link: it can also open in a new tab). */
  linkTo: (item: RequestSummary) => string;
  selectedId?: string;
  compact?: boolean;
  /** What to show when the list is empty: what it means and what to do. */
  empty?: string;
}

/** A list of requests: code, time, requester, content, status, agency and working-time countdown. */
export function RequestTable({ items, loading, caption, linkTo, selectedId, compact, empty }: Props) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  // On a phone a list keeps what a worklist is for — code, content, deadline — on screen without
  // sideways scrolling (issue 18); a compact list (inbox, board) leaves the received time and status
  // to the request itself, a full one (the desk's queues) reads them, with the requester, channel
  // and agency, as lines under the content.
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const columns: ColumnsType<RequestSummary> = [
    {
      title: t("request.code"),
      dataIndex: "code",
      width: narrow ? 96 : 130,
      render: (_: string, r) => (
        <Space size={4} wrap>
          <Link to={linkTo(r)} aria-label={`${t("request.open")} ${r.code}`}>
            {r.code}
          </Link>
          {r.urgency === "urgent" && <UrgentTag />}
        </Space>
      ),
    },
    ...(narrow
      ? []
      : [
          {
            title: t("request.receivedAt"),
            dataIndex: "receivedAt",
            width: 120,
            render: (v: string) => formatTime(v),
          },
        ]),
    ...(compact || narrow
      ? []
      : [
          {
            // Who asked, and through which channel under it: one column, so that at 1366 px the
            // agency and the deadline stay in view (twenty-fifth session: a 1,260 px table in a
            // 1,086 px card hid them).
            title: t("request.requester"),
            key: "requester",
            width: 150,
            render: (_: unknown, r: RequestSummary) => {
              const { who, channel } = requesterOf(r, t);
              return (
                <>
                  {/* Two lines, like the content: an organisation's full name (up to 200 characters)
                      made one row 200+ px tall (twenty-seventh session); the rest on hover. */}
                  <Typography.Paragraph
                    style={{ margin: 0 }}
                    ellipsis={who ? { rows: 2, tooltip: { title: who, placement: "topLeft" } } : false}
                  >
                    {who ?? "—"}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">{channel}</Typography.Text>
                </>
              );
            },
          },
        ]),
    // The request text readable in the list (issue 18): two lines, the rest on hover or a click.
    {
      title: t("request.content"),
      dataIndex: "contentPreview",
      // A full list gives the content what the other columns leave (at least CONTENT_MIN_WIDTH).
      width: narrow || !compact ? undefined : 320,
      render: (text: string, r: RequestSummary) => (
        <>
          <Typography.Paragraph
            className="request-excerpt"
            style={{ margin: 0 }}
            ellipsis={{ rows: 2, expandable: "collapsible", tooltip: { title: text, placement: "topLeft" } }}
          >
            {text}
          </Typography.Paragraph>
          {narrow && <NarrowLines summary={r} full={!compact} />}
        </>
      ),
    },
    ...(narrow
      ? []
      : [
          {
            title: t("request.status"),
            dataIndex: "status",
            width: 140,
            className: "request-tags",
            render: (v: RequestSummary["status"], r: RequestSummary) => (
              <Space size={4} wrap>
                <StatusTag status={v} />
                <AwaitingRequesterTag since={r.awaitingRequesterSince} />
              </Space>
            ),
          },
        ]),
    ...(compact || narrow
      ? []
      : [{ title: t("request.agency"), dataIndex: "agencyName", width: 140, ellipsis: true }]),
    ...(narrow
      ? []
      : [
          {
            title: t("request.deadline"),
            key: "due",
            width: 150,
            className: "request-tags",
            render: (_: unknown, r: RequestSummary) => <Countdown summary={r} />,
          },
        ]),
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
      locale={empty ? readableEmpty(empty) : undefined}
      // Wider than its card: the table scrolls inside it. An empty table does not scroll: a scroll
      // container with nothing focusable in it fails axe.
      scroll={items.length > 0 && !narrow ? { x: minWidth(columns) } : undefined}
    />
  );
}

/** A content column without a width of its own gets at least this much before the table scrolls. */
const CONTENT_MIN_WIDTH = 240;

/** The narrowest the table may be: its columns' widths, the content's minimum where it has none. */
function minWidth(columns: ColumnsType<RequestSummary>): number {
  return columns.reduce((sum, c) => sum + (typeof c.width === "number" ? c.width : CONTENT_MIN_WIDTH), 0);
}

/**
 * Under a request's content on a phone: the working time left (a tag that wraps rather than widen
 * the table), and for a full list its status, received time, requester, channel and agency.
 */
function NarrowLines({ summary: r, full }: { summary: RequestSummary; full: boolean }) {
  const { t } = useTranslation();
  const { who, channel } = requesterOf(r, t);
  const line = [formatTime(r.receivedAt), who, channel, r.agencyName]
    .filter((part): part is string => Boolean(part))
    .join(" · ");
  return (
    <Space size={4} wrap className="request-narrow-lines">
      {full && <StatusTag status={r.status} />}
      {full && <AwaitingRequesterTag since={r.awaitingRequesterSince} />}
      <Countdown summary={r} none={null} />
      {full && (
        <Typography.Text type="secondary" className="request-narrow-who">
          {line}
        </Typography.Text>
      )}
    </Space>
  );
}
