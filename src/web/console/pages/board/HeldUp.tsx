import { Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Board } from "../../../../shared/schemas/requests.js";
import { formatTime } from "../../components/Badges.js";
import { SlipRoleTag } from "../../components/Cooperation.js";
import { SectionCard } from "../../components/Page.js";

type Row = Board["heldUp"][number];

/**
 * Who holds things up (issue 19): every open slip late or due soon, one row per slip, so a late
 * cooperating agency shows on a request whose lead agency is on time.
 */
export function HeldUp({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={`${t("cooperation.heldUp")} (${rows.length})`}>
      <Table<Row>
        size="small"
        rowKey="slipId"
        dataSource={rows}
        pagination={rows.length > 15 ? { pageSize: 15 } : false}
        rowClassName={(r) => (r.dueState === "late" ? "row-late" : "row-due-soon")}
        locale={{ emptyText: t("board.empty") }}
        columns={[
          {
            title: t("cooperation.request"),
            dataIndex: "code",
            render: (code: string, r) => <Link to={`/requests/${r.requestId}`}>{code}</Link>,
          },
          {
            title: t("board.agency"),
            dataIndex: "agencyName",
            render: (name: string, r) => (
              <>
                {name} <SlipRoleTag role={r.role} />
              </>
            ),
          },
          { title: t("request.deadline"), dataIndex: "dueAt", render: (v: string) => formatTime(v) },
          {
            title: t("request.status"),
            dataIndex: "dueState",
            render: (v: Row["dueState"]) => (
              <Tag color={v === "late" ? "red" : "orange"}>
                {t(v === "late" ? "board.late" : "board.dueSoon")}
              </Tag>
            ),
          },
        ]}
      />
    </SectionCard>
  );
}
