import { Space, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { type MissedByAgency as Missed, useMissedByAgency } from "../../api/reports.js";
import { QueryTable, readableEmpty, SectionCard } from "../../components/Page.js";

type Row = Missed["rows"][number];

/** Missed obligations by agency (Art. 13.1: the coordinator urges agencies that are late). */
export function MissedByAgency() {
  const { t } = useTranslation();
  const missed = useMissedByAgency(true);
  const title = t("board.missed");
  const columns: ColumnsType<Row> = [
    { title: t("board.agency"), dataIndex: "agencyName" },
    {
      title: t("board.missedCount"),
      dataIndex: "missed",
      width: 170,
      // The heading and its sort arrows on one line (at 1366 px «Số nghĩa vụ quá hạn» broke in two
      // within 170 px): the column takes the heading's width, the agencies' names give it up.
      onHeaderCell: () => ({ style: { whiteSpace: "nowrap" } }),
      defaultSortOrder: "descend",
      sorter: (a, b) => a.missed - b.missed,
      render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : <span>0</span>),
    },
    {
      title: t("board.missedByKind"),
      dataIndex: "byKind",
      render: (byKind: Row["byKind"]) => (
        <Space size={4} wrap>
          {Object.entries(byKind)
            .filter(([, n]) => n > 0)
            .map(([kind, n]) => (
              <Tag key={kind}>
                {t(`obligations.kinds.${kind}`, { defaultValue: kind })}: {n}
              </Tag>
            ))}
        </Space>
      ),
    },
  ];
  return (
    <SectionCard title={title}>
      {/* On a phone each agency's figures stand under its name. */}
      <QueryTable<Row>
        query={missed}
        what={title}
        rowKey={(r) => r.agencyId ?? "none"}
        loading={missed.isPending}
        dataSource={missed.data?.rows ?? []}
        locale={readableEmpty(t("board.noMissed"))}
        pagination={(missed.data?.rows.length ?? 0) > 15 ? { pageSize: 15 } : false}
        columns={columns}
        stacked
      />
    </SectionCard>
  );
}
